// Generated from spec/openapi.yaml by packages/types/scripts/generate-operations.mjs. Do not edit.
import type { components } from './openapi.js';

// Named request types, so that type errors and hovers say `Q1ReferenceRequest` instead of
// printing the whole object type; the fields and their descriptions are the spec's. TypeScript
// prints an alias of a schema (or an empty interface extending it) as the inline object, so
// each is the schema intersected with one optional member under a symbol nobody can name:
// invisible to completion, never required, assignable both ways to the spec's type. (Not
// interfaces: those lose the implicit index signature object types have.)
declare const named: unique symbol;
type Named = { readonly [named]?: never };

/** Body of `POST /v3/async/viduq2-pro-fast` (submitQ2ProFast). */
export type Q2ProFastRequest = components['schemas']['Q2ProFastRequest'] & Named;
/** Body of `POST /v3/async/vidu-q2-pro-multiframe` (submitQ2ProMultiframe). */
export type Q2ProMultiframeRequest = components['schemas']['Q2ProMultiframeRequest'] & Named;
/** Body of `POST /v3/async/vidu-q1-reference2video` (submitQ1Reference). */
export type Q1ReferenceRequest = components['schemas']['Q1ReferenceRequest'] & Named;
/** Body of `POST /v3/async/vidu-q2-reference2video` (submitQ2Reference). */
export type Q2ReferenceRequest = components['schemas']['Q2ReferenceRequest'] & Named;

/** The named request body of each submit operation. */
export interface SubmitRequestBodies {
  submitQ2ProFast: Q2ProFastRequest;
  submitQ2ProMultiframe: Q2ProMultiframeRequest;
  submitQ1Reference: Q1ReferenceRequest;
  submitQ2Reference: Q2ReferenceRequest;
}

/** Every operation of the spec, keyed by operationId. */
export const OPERATIONS = {
  "submitQ2ProFast": {
    "operationId": "submitQ2ProFast",
    "method": "POST",
    "path": "/v3/async/viduq2-pro-fast",
    "kind": "submit",
    "model": "q2-pro-fast",
    "taskType": "VIDU_Q2_PRO_FAST",
    "requestSchema": "Q2ProFastRequest",
    "responseSchema": "SubmitResponse",
    "summary": "Vidu Q2 Pro Fast, reference image/video to video"
  },
  "submitQ2ProMultiframe": {
    "operationId": "submitQ2ProMultiframe",
    "method": "POST",
    "path": "/v3/async/vidu-q2-pro-multiframe",
    "kind": "submit",
    "model": "q2-pro-multiframe",
    "taskType": "VIDU_Q2_PRO_MULTIFRAME",
    "requestSchema": "Q2ProMultiframeRequest",
    "responseSchema": "SubmitResponseWithProviderId",
    "summary": "Vidu Q2 Pro smart multi-frame"
  },
  "submitQ1Reference": {
    "operationId": "submitQ1Reference",
    "method": "POST",
    "path": "/v3/async/vidu-q1-reference2video",
    "kind": "submit",
    "model": "q1-reference",
    "taskType": "VIDU_Q1_REFERENCE2VIDEO",
    "requestSchema": "Q1ReferenceRequest",
    "responseSchema": "SubmitResponse",
    "summary": "Vidu Q1 reference to video"
  },
  "submitQ2Reference": {
    "operationId": "submitQ2Reference",
    "method": "POST",
    "path": "/v3/async/vidu-q2-reference2video",
    "kind": "submit",
    "model": "q2-reference",
    "taskType": "VIDU_Q2_REFERENCE2VIDEO",
    "requestSchema": "Q2ReferenceRequest",
    "responseSchema": "SubmitResponseWithProviderId",
    "summary": "Vidu Q2 reference image to video"
  },
  "getTaskResult": {
    "operationId": "getTaskResult",
    "method": "GET",
    "path": "/v3/async/task-result",
    "kind": "read",
    "responseSchema": "TaskResult",
    "summary": "Get task result"
  }
} as const;

/** The named request examples of each submit operation, as the spec gives them. */
export const OPERATION_EXAMPLES = {
  "submitQ2ProFast": {
    "twoSubjects": {
      "prompt": "@1 hands a red umbrella to @2 on a rainy street, cinematic",
      "duration": 5,
      "subjects": [
        {
          "name": "1",
          "images": [
            "https://example.com/refs/alice-front.png",
            "https://example.com/refs/alice-side.png"
          ]
        },
        {
          "name": "2",
          "images": [
            "https://example.com/refs/bob.jpg"
          ],
          "voice_id": "en_male_calm"
        }
      ],
      "resolution": "1080p",
      "aspect_ratio": "16:9",
      "movement_amplitude": "medium",
      "bgm": true,
      "audio": false,
      "watermark": false,
      "seed": 42
    },
    "minimal": {
      "prompt": "A paper boat drifting down a gutter stream",
      "duration": 5,
      "subjects": [
        {
          "name": "boat",
          "images": [
            "https://example.com/refs/boat.webp"
          ]
        }
      ]
    }
  },
  "submitQ2ProMultiframe": {
    "threeKeyframes": {
      "start_image": "https://example.com/frames/start.png",
      "image_settings": [
        {
          "key_image": "https://example.com/frames/k1.png",
          "duration": 3,
          "prompt": "The camera pushes in on the lighthouse"
        },
        {
          "key_image": "https://example.com/frames/k2.png",
          "duration": 4,
          "prompt": "A storm rolls in over the sea"
        },
        {
          "key_image": "https://example.com/frames/k3.png",
          "duration": 5
        }
      ],
      "resolution": "720p",
      "watermark": true,
      "wm_position": "top_right",
      "meta_data": "{\"campaign\":\"autumn\"}"
    },
    "minimal": {
      "start_image": "https://example.com/frames/start.jpg",
      "image_settings": [
        {
          "key_image": "https://example.com/frames/a.jpg"
        },
        {
          "key_image": "https://example.com/frames/b.jpg"
        }
      ]
    }
  },
  "submitQ1Reference": {
    "product": {
      "images": [
        "https://example.com/refs/sneaker-front.png",
        "https://example.com/refs/sneaker-side.png",
        "https://example.com/refs/sneaker-back.png"
      ],
      "prompt": "The sneaker spins slowly on a marble pedestal, studio light",
      "duration": 5,
      "resolution": "1080p",
      "aspect_ratio": "1:1",
      "movement_amplitude": "large",
      "seed": 7,
      "bgm": false
    },
    "minimal": {
      "images": [
        "https://example.com/refs/cat.webp"
      ],
      "prompt": "A cat yawns in a sunbeam"
    }
  },
  "submitQ2Reference": {
    "oneSubject": {
      "prompt": "@1 waves at the camera and smiles",
      "duration": 4,
      "subjects": [
        {
          "id": "1",
          "images": [
            "https://example.com/refs/girl.png"
          ],
          "voice_id": "en_female_bright"
        }
      ],
      "resolution": "540p",
      "aspect_ratio": "9:16",
      "movement_amplitude": "small",
      "audio": true
    },
    "minimal": {
      "prompt": "@1 walks along a beach at dusk",
      "duration": 5,
      "subjects": [
        {
          "id": "1",
          "images": [
            "https://example.com/refs/man.jpg"
          ]
        }
      ]
    }
  }
} as const;

/**
 * One typed method per submit operation, named by its operationId (the client implements it;
 * `Options` and `Result` are the client's per-call options and submit answer).
 */
export interface SubmitMethods<Options, Result> {
  /** Vidu Q2 Pro Fast, reference image/video to video (`POST /v3/async/viduq2-pro-fast`, model `q2-pro-fast`). Billed. */
  submitQ2ProFast(body: Q2ProFastRequest, opts?: Options): Promise<Result>;
  /** Vidu Q2 Pro smart multi-frame (`POST /v3/async/vidu-q2-pro-multiframe`, model `q2-pro-multiframe`). Billed. */
  submitQ2ProMultiframe(body: Q2ProMultiframeRequest, opts?: Options): Promise<Result>;
  /** Vidu Q1 reference to video (`POST /v3/async/vidu-q1-reference2video`, model `q1-reference`). Billed. */
  submitQ1Reference(body: Q1ReferenceRequest, opts?: Options): Promise<Result>;
  /** Vidu Q2 reference image to video (`POST /v3/async/vidu-q2-reference2video`, model `q2-reference`). Billed. */
  submitQ2Reference(body: Q2ReferenceRequest, opts?: Options): Promise<Result>;
}
