// Generated from spec/openapi.yaml by packages/openapi/scripts/generate-models.mjs. Do not edit.

// Package vidu holds Go types for the request and response bodies of the Vidu asynchronous video
// API as resold by Novita-compatible providers (novita, highwayapi, myrouter), generated from the
// OpenAPI document of @vidukit/openapi. It uses only the standard library.
//
// The types do not check ranges, lengths or unknown properties: validate request bodies against
// the JSON Schemas shipped in @vidukit/openapi (dist/schemas/) with any draft 2020-12 validator.
// Response types tolerate unknown properties and unknown enum values, as the spec asks.
package vidu

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// Seed is the Seed schema of the spec, used by Q2ProFastRequest.seed, Q2ReferenceRequest.seed,
// Q1ReferenceRequest.seed.
//
// Random seed; the same seed gives similar results. Random when omitted.
type Seed = int64

// Bgm is the Bgm schema of the spec, used by Q2ProFastRequest.bgm, Q2ReferenceRequest.bgm,
// Q1ReferenceRequest.bgm.
//
// Whether to add background music.
type Bgm = bool

// Audio is the Audio schema of the spec, used by Q2ProFastRequest.audio, Q2ReferenceRequest.audio.
//
// Whether to generate audio.
type Audio = bool

// Watermark is the Watermark schema of the spec, used by Q2ProFastRequest.watermark,
// Q2ReferenceRequest.watermark, Q2ProMultiframeRequest.watermark.
//
// Whether to add a watermark.
type Watermark = bool

// FreeAspectRatio is the FreeAspectRatio schema of the spec, used by
// Q2ProFastRequest.aspect_ratio, Q2ReferenceRequest.aspect_ratio.
//
// Video aspect ratio, for example `16:9`, `9:16`, `1:1`.
type FreeAspectRatio = string

// Q2Duration is the Q2Duration schema of the spec, used by Q2ProFastRequest.duration,
// Q2ReferenceRequest.duration.
//
// Video duration in seconds, 1 to 10.
type Q2Duration = int64

// Q2MovementAmplitude is the Q2MovementAmplitude schema of the spec, used by
// Q2ProFastRequest.movement_amplitude, Q2ReferenceRequest.movement_amplitude.
//
// Motion intensity of objects in the video.
type Q2MovementAmplitude string

const (
	Q2MovementAmplitudeAuto   Q2MovementAmplitude = "auto"
	Q2MovementAmplitudeSmall  Q2MovementAmplitude = "small"
	Q2MovementAmplitudeMedium Q2MovementAmplitude = "medium"
	Q2MovementAmplitudeHigh   Q2MovementAmplitude = "high"
)

// ImageInput is the ImageInput schema of the spec, used by Keyframe.key_image,
// Q1ReferenceRequest.images, Q2ProMultiframeRequest.start_image.
//
// An image as a URL or a data URL (`data:image/png;base64,...`). PNG, JPEG or WebP; the providers
// also limit size and dimensions, which a schema cannot check.
type ImageInput = string

// ReferenceImages is the ReferenceImages schema of the spec, used by Q2ProFastSubject.images,
// Q2ReferenceSubject.images.
//
// Reference images of the subject.
type ReferenceImages = []ImageInput

// VoiceID is the VoiceId schema of the spec, used by Q2ProFastSubject.voice_id,
// Q2ReferenceSubject.voice_id.
//
// Voice for the subject when audio is generated.
type VoiceID = string

// Q2ProFastSubject is the Q2ProFastSubject schema of the spec, used by Q2ProFastRequest.subjects.
type Q2ProFastSubject struct {
	// The subject's name, referenced from the prompt as `@name` (for example `@1`). Required.
	Name string `json:"name"`

	// Reference images of the subject. Required.
	Images ReferenceImages `json:"images"`

	// Voice for the subject when audio is generated.
	VoiceID *VoiceID `json:"voice_id,omitempty"`
}

// Q2ReferenceSubject is the Q2ReferenceSubject schema of the spec, used by
// Q2ReferenceRequest.subjects.
type Q2ReferenceSubject struct {
	// The subject's id, referenced from the prompt as `@id` (for example `@1`). Required.
	ID string `json:"id"`

	// Reference images of the subject. Required.
	Images ReferenceImages `json:"images"`

	// Voice for the subject when audio is generated.
	VoiceID *VoiceID `json:"voice_id,omitempty"`
}

// Keyframe is the Keyframe schema of the spec, used by Q2ProMultiframeRequest.image_settings.
type Keyframe struct {
	// The last frame of this segment. Required.
	KeyImage ImageInput `json:"key_image"`

	// Length of this segment in seconds, 2 to 7. Default 5.
	Duration *int64 `json:"duration,omitempty"`

	// What happens in this segment.
	Prompt *string `json:"prompt,omitempty"`
}

// Q2ProFastRequest is the request body of submitQ2ProFast (POST /v3/async/viduq2-pro-fast).
type Q2ProFastRequest struct {
	// Text prompt, at most 2000 characters. Reference subjects as `@1`, `@2`, ... Required.
	Prompt string `json:"prompt"`

	// Video duration in seconds, 1 to 10. Required. Default 5.
	Duration Q2Duration `json:"duration"`

	// Subjects, each with a name, reference images and an optional voice. Required.
	Subjects []Q2ProFastSubject `json:"subjects"`

	// Output resolution. Default "720p".
	Resolution *Q2ProFastRequestResolution `json:"resolution,omitempty"`

	// Video aspect ratio, for example `16:9`, `9:16`, `1:1`.
	AspectRatio *FreeAspectRatio `json:"aspect_ratio,omitempty"`

	// Motion intensity of objects in the video.
	MovementAmplitude *Q2MovementAmplitude `json:"movement_amplitude,omitempty"`

	// Random seed; the same seed gives similar results. Random when omitted.
	Seed *Seed `json:"seed,omitempty"`

	// Whether to add background music. Default false.
	Bgm *Bgm `json:"bgm,omitempty"`

	// Whether to generate audio. Default false.
	Audio *Audio `json:"audio,omitempty"`

	// Whether to add a watermark. Default false.
	Watermark *Watermark `json:"watermark,omitempty"`
}

// Q2ReferenceRequest is the request body of submitQ2Reference (POST
// /v3/async/vidu-q2-reference2video).
type Q2ReferenceRequest struct {
	// Text prompt. Reference subjects as `@1`, `@2`, ... Required.
	Prompt string `json:"prompt"`

	// Video duration in seconds, 1 to 10. Required. Default 5.
	Duration Q2Duration `json:"duration"`

	// Subjects, each with an id, reference images and an optional voice. Required.
	Subjects []Q2ReferenceSubject `json:"subjects"`

	// Output resolution. Default "720p".
	Resolution *Q2ReferenceRequestResolution `json:"resolution,omitempty"`

	// Video aspect ratio, for example `16:9`, `9:16`, `1:1`.
	AspectRatio *FreeAspectRatio `json:"aspect_ratio,omitempty"`

	// Motion intensity of objects in the video.
	MovementAmplitude *Q2MovementAmplitude `json:"movement_amplitude,omitempty"`

	// Random seed; the same seed gives similar results. Random when omitted.
	Seed *Seed `json:"seed,omitempty"`

	// Whether to add background music. Default false.
	Bgm *Bgm `json:"bgm,omitempty"`

	// Whether to generate audio. Default false.
	Audio *Audio `json:"audio,omitempty"`

	// Whether to add a watermark. Default false.
	Watermark *Watermark `json:"watermark,omitempty"`
}

// Q1ReferenceRequest is the request body of submitQ1Reference (POST
// /v3/async/vidu-q1-reference2video).
type Q1ReferenceRequest struct {
	// 1 to 7 reference images of the subject (URL or `data:image/...;base64,...`): PNG, JPEG or WebP,
	// at least 128x128 px, aspect ratio within 1:4 to 4:1, at most 50 MB each, a decoded base64 image
	// under 10 MB. Required.
	Images []ImageInput `json:"images"`

	// Text prompt, at most 1500 characters. Required.
	Prompt string `json:"prompt"`

	// Video duration in seconds; only 5 is supported. Default 5.
	Duration *int64 `json:"duration,omitempty"`

	// Output resolution; only 1080p is supported. Default "1080p".
	Resolution *Q1ReferenceRequestResolution `json:"resolution,omitempty"`

	// Output aspect ratio. Default "16:9".
	AspectRatio *Q1ReferenceRequestAspectRatio `json:"aspect_ratio,omitempty"`

	// Motion intensity of objects in the video (`large`, not `high`, on this model). Default "auto".
	MovementAmplitude *Q1ReferenceRequestMovementAmplitude `json:"movement_amplitude,omitempty"`

	// Random seed; the same seed gives similar results. Random when omitted.
	Seed *Seed `json:"seed,omitempty"`

	// Whether to add background music. Default false.
	Bgm *Bgm `json:"bgm,omitempty"`
}

// Q2ProMultiframeRequest is the request body of submitQ2ProMultiframe (POST
// /v3/async/vidu-q2-pro-multiframe).
type Q2ProMultiframeRequest struct {
	// The first frame (URL or base64): PNG, JPEG or WebP, aspect ratio within 1:4 to 4:1, at most 50
	// MB. Required.
	StartImage ImageInput `json:"start_image"`

	// Keyframes in timeline order, 2 to 9. Required.
	ImageSettings []Keyframe `json:"image_settings"`

	// Output resolution. Default "720p".
	Resolution *Q2ProMultiframeRequestResolution `json:"resolution,omitempty"`

	// Whether to add a watermark. Default false.
	Watermark *Watermark `json:"watermark,omitempty"`

	// Watermark image URL; the default watermark when omitted. Ignored without a watermark.
	WmURL *string `json:"wm_url,omitempty"`

	// Watermark position. Ignored without a watermark. Default "bottom_left".
	WmPosition *Q2ProMultiframeRequestWmPosition `json:"wm_position,omitempty"`

	// Passed through untouched, at most 1,048,576 characters.
	Payload *string `json:"payload,omitempty"`

	// Metadata as a JSON-formatted string, passed through.
	MetaData *string `json:"meta_data,omitempty"`
}

// TaskID is the TaskId schema of the spec, used by SubmitResponse.task_id.
//
// A task id as a submit operation returns it (providers use UUIDs): 1 to 256 characters,
// well-formed Unicode (no lone surrogate, which cannot be sent as UTF-8). Anything else is refused
// before sending.
type TaskID = string

// SubmitResponse is the 200 response body of submitQ2ProFast (POST /v3/async/viduq2-pro-fast);
// also of submitQ1Reference (POST /v3/async/vidu-q1-reference2video).
type SubmitResponse struct {
	// Id of the created task; read its result with `getTaskResult`. Required.
	TaskID TaskID `json:"task_id"`
}

// SubmitResponseWithProviderID is the 200 response body of submitQ2ProMultiframe (POST
// /v3/async/vidu-q2-pro-multiframe); also of submitQ2Reference (POST
// /v3/async/vidu-q2-reference2video).
type SubmitResponseWithProviderID struct {
	// Id of the created task; read its result with `getTaskResult`. Required.
	TaskID TaskID `json:"task_id"`

	// The upstream provider's request id, when given.
	ProviderRequestID *string `json:"provider_request_id,omitempty"`
}

// StringOrInteger is the StringOrInteger schema of the spec, used by DebugInfo.submit_time_ms,
// DebugInfo.execute_time_ms, DebugInfo.complete_time_ms, TaskExtra.seed, ....
//
// An integer that some providers send as a decimal string.
type StringOrInteger string

// UnmarshalJSON accepts a JSON string or number; null leaves the value unchanged.
func (v *StringOrInteger) UnmarshalJSON(data []byte) error {
	text, err := unmarshalStringOrNumber(data)
	if err != nil {
		return fmt.Errorf("StringOrInteger: %w", err)
	}
	if text != nil {
		*v = StringOrInteger(*text)
	}
	return nil
}

// MarshalJSON writes a JSON number when the text is one, otherwise a JSON string.
func (v StringOrInteger) MarshalJSON() ([]byte, error) { return marshalStringOrNumber(string(v)) }

// Int64 parses the value as a base-10 integer.
func (v StringOrInteger) Int64() (int64, error) { return strconv.ParseInt(string(v), 10, 64) }

// StringOrNumber is the StringOrNumber schema of the spec, used by TaskInfo.eta,
// TaskInfo.progress_percent, AudioMetadata.start_time, AudioMetadata.end_time.
//
// A number that some providers send as a decimal string.
type StringOrNumber string

// UnmarshalJSON accepts a JSON string or number; null leaves the value unchanged.
func (v *StringOrNumber) UnmarshalJSON(data []byte) error {
	text, err := unmarshalStringOrNumber(data)
	if err != nil {
		return fmt.Errorf("StringOrNumber: %w", err)
	}
	if text != nil {
		*v = StringOrNumber(*text)
	}
	return nil
}

// MarshalJSON writes a JSON number when the text is one, otherwise a JSON string.
func (v StringOrNumber) MarshalJSON() ([]byte, error) { return marshalStringOrNumber(string(v)) }

// Float64 parses the value as a number.
func (v StringOrNumber) Float64() (float64, error) { return strconv.ParseFloat(string(v), 64) }

// TaskStatus is the TaskStatus schema of the spec, used by TaskInfo.status.
//
// The statuses the providers document. `TASK_STATUS_SUCCEED` and `TASK_STATUS_FAILED` are
// terminal. Clients should treat any other value, including ones not listed, as not finished.
type TaskStatus string

const (
	TaskStatusQueued     TaskStatus = "TASK_STATUS_QUEUED"
	TaskStatusProcessing TaskStatus = "TASK_STATUS_PROCESSING"
	TaskStatusSucceed    TaskStatus = "TASK_STATUS_SUCCEED"
	TaskStatusFailed     TaskStatus = "TASK_STATUS_FAILED"
	TaskStatusUnknown    TaskStatus = "TASK_STATUS_UNKNOWN"
)

// TaskInfo is the TaskInfo schema of the spec, used by TaskResult.task.
type TaskInfo struct {
	// Required.
	TaskID string `json:"task_id"`

	// One of `TaskStatus`, or a status the providers added later: a valid answer, to be treated as not
	// finished (so a response validator must not reject it). Required.
	Status TaskStatus `json:"status"`

	// Why the task failed; empty unless it failed.
	Reason *string `json:"reason,omitempty"`

	TaskType *string `json:"task_type,omitempty"`

	// Estimated seconds until the task finishes.
	Eta StringOrNumber `json:"eta,omitempty"`

	// Progress from 0 to 100.
	ProgressPercent StringOrNumber `json:"progress_percent,omitempty"`
}

// DebugInfo is the DebugInfo schema of the spec, used by TaskExtra.debug_info.
type DebugInfo struct {
	RequestInfo *string `json:"request_info,omitempty"`

	// An integer that some providers send as a decimal string.
	SubmitTimeMS StringOrInteger `json:"submit_time_ms,omitempty"`

	// An integer that some providers send as a decimal string.
	ExecuteTimeMS StringOrInteger `json:"execute_time_ms,omitempty"`

	// An integer that some providers send as a decimal string.
	CompleteTimeMS StringOrInteger `json:"complete_time_ms,omitempty"`
}

// TaskExtra is the TaskExtra schema of the spec, used by TaskResult.extra.
type TaskExtra struct {
	// An integer that some providers send as a decimal string.
	Seed StringOrInteger `json:"seed,omitempty"`

	EnableNSFWDetection *bool `json:"enable_nsfw_detection,omitempty"`

	DebugInfo *DebugInfo `json:"debug_info,omitempty"`
}

// VideoOutput is the VideoOutput schema of the spec, used by TaskResult.videos.
type VideoOutput struct {
	// Where to download the video; expires after `video_url_ttl` seconds. Required.
	VideoURL string `json:"video_url"`

	// Seconds the URL stays valid.
	VideoURLTTL StringOrInteger `json:"video_url_ttl,omitempty"`

	// `mp4` or `gif`.
	VideoType *string `json:"video_type,omitempty"`
}

// ImageOutput is the ImageOutput schema of the spec, used by TaskResult.images.
type ImageOutput struct {
	// Required.
	ImageURL string `json:"image_url"`

	// An integer that some providers send as a decimal string.
	ImageURLTTL StringOrInteger `json:"image_url_ttl,omitempty"`

	ImageType *string `json:"image_type,omitempty"`
}

// AudioMetadata is the AudioMetadata schema of the spec, used by AudioOutput.audio_metadata.
type AudioMetadata struct {
	Text *string `json:"text,omitempty"`

	// A number that some providers send as a decimal string.
	StartTime StringOrNumber `json:"start_time,omitempty"`

	// A number that some providers send as a decimal string.
	EndTime StringOrNumber `json:"end_time,omitempty"`
}

// AudioOutput is the AudioOutput schema of the spec, used by TaskResult.audios.
type AudioOutput struct {
	// Required.
	AudioURL string `json:"audio_url"`

	// An integer that some providers send as a decimal string.
	AudioURLTTL StringOrInteger `json:"audio_url_ttl,omitempty"`

	AudioType *string `json:"audio_type,omitempty"`

	AudioMetadata *AudioMetadata `json:"audio_metadata,omitempty"`
}

// TaskResult is the 200 response body of getTaskResult (GET /v3/async/task-result).
type TaskResult struct {
	// Required.
	Task TaskInfo `json:"task"`

	Extra *TaskExtra `json:"extra,omitempty"`

	Videos []VideoOutput `json:"videos,omitempty"`

	Images []ImageOutput `json:"images,omitempty"`

	Audios []AudioOutput `json:"audios,omitempty"`
}

// KnownErrorReason is the KnownErrorReason schema of the spec, used by ErrorBody.reason.
//
// The `reason` codes the providers document. Others may appear; do not reject them.
type KnownErrorReason string

const (
	KnownErrorReasonInvalidRequestBody      KnownErrorReason = "INVALID_REQUEST_BODY"
	KnownErrorReasonIllegalPrompt           KnownErrorReason = "ILLEGAL_PROMPT"
	KnownErrorReasonIllegalImageContent     KnownErrorReason = "ILLEGAL_IMAGE_CONTENT"
	KnownErrorReasonInvalidImageFormat      KnownErrorReason = "INVALID_IMAGE_FORMAT"
	KnownErrorReasonImageFileExceedsMaxSize KnownErrorReason = "IMAGE_FILE_EXCEEDS_MAX_SIZE"
	KnownErrorReasonInvalidImageSize        KnownErrorReason = "INVALID_IMAGE_SIZE"
	KnownErrorReasonBillingBalanceNotEnough KnownErrorReason = "BILLING_BALANCE_NOT_ENOUGH"
	KnownErrorReasonMissingAPIKey           KnownErrorReason = "MISSING_API_KEY"
	KnownErrorReasonInvalidAPIKey           KnownErrorReason = "INVALID_API_KEY"
	KnownErrorReasonBillingAuthFailed       KnownErrorReason = "BILLING_AUTH_FAILED"
	KnownErrorReasonFeatureNotAllowed       KnownErrorReason = "FEATURE_NOT_ALLOWED"
	KnownErrorReasonAPINotAllowed           KnownErrorReason = "API_NOT_ALLOWED"
	KnownErrorReasonAPINotFound             KnownErrorReason = "API_NOT_FOUND"
	KnownErrorReasonTaskNotFound            KnownErrorReason = "TASK_NOT_FOUND"
	KnownErrorReasonRateLimitExceeded       KnownErrorReason = "RATE_LIMIT_EXCEEDED"
	KnownErrorReasonCreateTaskFailed        KnownErrorReason = "CREATE_TASK_FAILED"
	KnownErrorReasonGetResultFailed         KnownErrorReason = "GET_RESULT_FAILED"
	KnownErrorReasonTaskFailed              KnownErrorReason = "TASK_FAILED"
	KnownErrorReasonBillingFailed           KnownErrorReason = "BILLING_FAILED"
)

// ErrorBody is the body of every 4xx and 5xx response.
//
// The error body seen in real responses. A proxy in front of the provider may instead answer with
// HTML or an empty body.
type ErrorBody struct {
	// Usually the HTTP status.
	Code *int64 `json:"code,omitempty"`

	// A machine-readable code. The documented ones are listed; others may appear.
	Reason *KnownErrorReason `json:"reason,omitempty"`

	// A human-readable explanation.
	Message *string `json:"message,omitempty"`

	// Extra details, provider-specific.
	Metadata map[string]any `json:"metadata,omitempty"`
}

// Q2ProFastRequestResolution is the type of Q2ProFastRequest.resolution.
//
// Output resolution.
type Q2ProFastRequestResolution string

const (
	Q2ProFastRequestResolution720p  Q2ProFastRequestResolution = "720p"
	Q2ProFastRequestResolution1080p Q2ProFastRequestResolution = "1080p"
)

// Q2ReferenceRequestResolution is the type of Q2ReferenceRequest.resolution.
//
// Output resolution.
type Q2ReferenceRequestResolution string

const (
	Q2ReferenceRequestResolution540p  Q2ReferenceRequestResolution = "540p"
	Q2ReferenceRequestResolution720p  Q2ReferenceRequestResolution = "720p"
	Q2ReferenceRequestResolution1080p Q2ReferenceRequestResolution = "1080p"
)

// Q1ReferenceRequestResolution is the type of Q1ReferenceRequest.resolution.
//
// Output resolution; only 1080p is supported.
type Q1ReferenceRequestResolution string

const (
	Q1ReferenceRequestResolution1080p Q1ReferenceRequestResolution = "1080p"
)

// Q1ReferenceRequestAspectRatio is the type of Q1ReferenceRequest.aspect_ratio.
//
// Output aspect ratio.
type Q1ReferenceRequestAspectRatio string

const (
	Q1ReferenceRequestAspectRatio16x9 Q1ReferenceRequestAspectRatio = "16:9"
	Q1ReferenceRequestAspectRatio9x16 Q1ReferenceRequestAspectRatio = "9:16"
	Q1ReferenceRequestAspectRatio1x1  Q1ReferenceRequestAspectRatio = "1:1"
)

// Q1ReferenceRequestMovementAmplitude is the type of Q1ReferenceRequest.movement_amplitude.
//
// Motion intensity of objects in the video (`large`, not `high`, on this model).
type Q1ReferenceRequestMovementAmplitude string

const (
	Q1ReferenceRequestMovementAmplitudeAuto   Q1ReferenceRequestMovementAmplitude = "auto"
	Q1ReferenceRequestMovementAmplitudeSmall  Q1ReferenceRequestMovementAmplitude = "small"
	Q1ReferenceRequestMovementAmplitudeMedium Q1ReferenceRequestMovementAmplitude = "medium"
	Q1ReferenceRequestMovementAmplitudeLarge  Q1ReferenceRequestMovementAmplitude = "large"
)

// Q2ProMultiframeRequestResolution is the type of Q2ProMultiframeRequest.resolution.
//
// Output resolution.
type Q2ProMultiframeRequestResolution string

const (
	Q2ProMultiframeRequestResolution540p  Q2ProMultiframeRequestResolution = "540p"
	Q2ProMultiframeRequestResolution720p  Q2ProMultiframeRequestResolution = "720p"
	Q2ProMultiframeRequestResolution1080p Q2ProMultiframeRequestResolution = "1080p"
)

// Q2ProMultiframeRequestWmPosition is the type of Q2ProMultiframeRequest.wm_position.
//
// Watermark position. Ignored without a watermark.
type Q2ProMultiframeRequestWmPosition string

const (
	Q2ProMultiframeRequestWmPositionTopLeft     Q2ProMultiframeRequestWmPosition = "top_left"
	Q2ProMultiframeRequestWmPositionTopRight    Q2ProMultiframeRequestWmPosition = "top_right"
	Q2ProMultiframeRequestWmPositionBottomRight Q2ProMultiframeRequestWmPosition = "bottom_right"
	Q2ProMultiframeRequestWmPositionBottomLeft  Q2ProMultiframeRequestWmPosition = "bottom_left"
)

// Operation is one operation of the spec: its operationId, HTTP method, path, and the name of its
// request body type (empty when it has none).
type Operation struct {
	ID          string
	Method      string
	Path        string
	RequestBody string
}

// Operations lists every operation of the spec, in the spec's order.
var Operations = []Operation{
	{ID: "submitQ2ProFast", Method: "POST", Path: "/v3/async/viduq2-pro-fast", RequestBody: "Q2ProFastRequest"},
	{ID: "submitQ2ProMultiframe", Method: "POST", Path: "/v3/async/vidu-q2-pro-multiframe", RequestBody: "Q2ProMultiframeRequest"},
	{ID: "submitQ1Reference", Method: "POST", Path: "/v3/async/vidu-q1-reference2video", RequestBody: "Q1ReferenceRequest"},
	{ID: "submitQ2Reference", Method: "POST", Path: "/v3/async/vidu-q2-reference2video", RequestBody: "Q2ReferenceRequest"},
	{ID: "getTaskResult", Method: "GET", Path: "/v3/async/task-result", RequestBody: ""},
}

func unmarshalStringOrNumber(data []byte) (*string, error) {
	var raw any
	decoder := json.NewDecoder(bytes.NewReader(data))
	decoder.UseNumber()
	if err := decoder.Decode(&raw); err != nil {
		return nil, err
	}
	switch value := raw.(type) {
	case nil:
		return nil, nil
	case string:
		return &value, nil
	case json.Number:
		text := value.String()
		return &text, nil
	default:
		return nil, fmt.Errorf("want a string or a number, got %T", raw)
	}
}

func marshalStringOrNumber(text string) ([]byte, error) {
	if text != "" && json.Valid([]byte(text)) {
		if _, err := strconv.ParseFloat(text, 64); err == nil {
			return []byte(text), nil
		}
	}
	return json.Marshal(text)
}
