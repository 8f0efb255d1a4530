// Generated from spec/openapi.yaml by packages/openapi/scripts/generate-models.mjs. Do not edit.

// Code generated from JSON Schema using quicktype. DO NOT EDIT.
// To parse and unparse this JSON data, add this code to your project and do:
//
//    errorBody, err := UnmarshalErrorBody(bytes)
//    bytes, err = errorBody.Marshal()
//
//    q1ReferenceRequest, err := UnmarshalQ1ReferenceRequest(bytes)
//    bytes, err = q1ReferenceRequest.Marshal()
//
//    q2ProFastRequest, err := UnmarshalQ2ProFastRequest(bytes)
//    bytes, err = q2ProFastRequest.Marshal()
//
//    q2ProMultiframeRequest, err := UnmarshalQ2ProMultiframeRequest(bytes)
//    bytes, err = q2ProMultiframeRequest.Marshal()
//
//    q2ReferenceRequest, err := UnmarshalQ2ReferenceRequest(bytes)
//    bytes, err = q2ReferenceRequest.Marshal()
//
//    submitResponse, err := UnmarshalSubmitResponse(bytes)
//    bytes, err = submitResponse.Marshal()
//
//    submitResponseWithProviderID, err := UnmarshalSubmitResponseWithProviderID(bytes)
//    bytes, err = submitResponseWithProviderID.Marshal()
//
//    taskResult, err := UnmarshalTaskResult(bytes)
//    bytes, err = taskResult.Marshal()

package vidu

import "bytes"
import "errors"

import "encoding/json"

func UnmarshalErrorBody(data []byte) (ErrorBody, error) {
	var r ErrorBody
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *ErrorBody) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalQ1ReferenceRequest(data []byte) (Q1ReferenceRequest, error) {
	var r Q1ReferenceRequest
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *Q1ReferenceRequest) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalQ2ProFastRequest(data []byte) (Q2ProFastRequest, error) {
	var r Q2ProFastRequest
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *Q2ProFastRequest) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalQ2ProMultiframeRequest(data []byte) (Q2ProMultiframeRequest, error) {
	var r Q2ProMultiframeRequest
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *Q2ProMultiframeRequest) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalQ2ReferenceRequest(data []byte) (Q2ReferenceRequest, error) {
	var r Q2ReferenceRequest
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *Q2ReferenceRequest) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalSubmitResponse(data []byte) (SubmitResponse, error) {
	var r SubmitResponse
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *SubmitResponse) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalSubmitResponseWithProviderID(data []byte) (SubmitResponseWithProviderID, error) {
	var r SubmitResponseWithProviderID
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *SubmitResponseWithProviderID) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalTaskResult(data []byte) (TaskResult, error) {
	var r TaskResult
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *TaskResult) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

// The error body seen in real responses. A proxy in front of the provider may instead
// answer with HTML or an empty body.
type ErrorBody struct {
	// Usually the HTTP status.
	Code *int64 `json:"code,omitempty"`
	// A human-readable explanation.
	Message *string `json:"message,omitempty"`
	// Extra details, provider-specific.
	Metadata map[string]interface{} `json:"metadata,omitempty"`
	// A machine-readable code. The documented ones are listed; others may appear.
	Reason *string `json:"reason,omitempty"`
}

type Q1ReferenceRequest struct {
	// Output aspect ratio.
	AspectRatio *AspectRatio `json:"aspect_ratio,omitempty"`
	Bgm         *bool        `json:"bgm,omitempty"`
	// Video duration in seconds; only 5 is supported.
	Duration *int64 `json:"duration,omitempty"`
	// 1 to 7 reference images of the subject (URL or `data:image/...;base64,...`): PNG,
	// JPEG or WebP, at least 128x128 px, aspect ratio within 1:4 to 4:1, at most 50 MB
	// each, a decoded base64 image under 10 MB.
	Images []string `json:"images"`
	// Motion intensity of objects in the video (`large`, not `high`, on this model).
	MovementAmplitude *MovementAmplitude `json:"movement_amplitude,omitempty"`
	// Text prompt, at most 1500 characters.
	Prompt string `json:"prompt"`
	// Output resolution; only 1080p is supported.
	Resolution *Q1ReferenceRequestResolution `json:"resolution,omitempty"`
	Seed       *int64                        `json:"seed,omitempty"`
}

type Q2ProFastRequest struct {
	AspectRatio       *string              `json:"aspect_ratio,omitempty"`
	Audio             *bool                `json:"audio,omitempty"`
	Bgm               *bool                `json:"bgm,omitempty"`
	Duration          int64                `json:"duration"`
	MovementAmplitude *Q2MovementAmplitude `json:"movement_amplitude,omitempty"`
	// Text prompt, at most 2000 characters. Reference subjects as `@1`, `@2`, ...
	Prompt string `json:"prompt"`
	// Output resolution.
	Resolution *Q2ProFastRequestResolution `json:"resolution,omitempty"`
	Seed       *int64                      `json:"seed,omitempty"`
	// Subjects, each with a name, reference images and an optional voice.
	Subjects  []Q2ProFastSubject `json:"subjects"`
	Watermark *bool              `json:"watermark,omitempty"`
}

type Q2ProFastSubject struct {
	Images []string `json:"images"`
	// The subject's name, referenced from the prompt as `@name` (for example `@1`).
	Name    string  `json:"name"`
	VoiceID *string `json:"voice_id,omitempty"`
}

type Q2ProMultiframeRequest struct {
	// Keyframes in timeline order, 2 to 9.
	ImageSettings []Keyframe `json:"image_settings"`
	// Metadata as a JSON-formatted string, passed through.
	MetaData *string `json:"meta_data,omitempty"`
	// Passed through untouched, at most 1,048,576 characters.
	Payload *string `json:"payload,omitempty"`
	// Output resolution.
	Resolution *Q2ProMultiframeRequestResolution `json:"resolution,omitempty"`
	// The first frame (URL or base64): PNG, JPEG or WebP, aspect ratio within 1:4 to 4:1,
	// at most 50 MB.
	StartImage string `json:"start_image"`
	Watermark  *bool  `json:"watermark,omitempty"`
	// Watermark position. Ignored without a watermark.
	WmPosition *WmPosition `json:"wm_position,omitempty"`
	// Watermark image URL; the default watermark when omitted. Ignored without a watermark.
	WmURL *string `json:"wm_url,omitempty"`
}

type Keyframe struct {
	// Length of this segment in seconds, 2 to 7.
	Duration *int64 `json:"duration,omitempty"`
	// The last frame of this segment.
	KeyImage string `json:"key_image"`
	// What happens in this segment.
	Prompt *string `json:"prompt,omitempty"`
}

type Q2ReferenceRequest struct {
	AspectRatio       *string              `json:"aspect_ratio,omitempty"`
	Audio             *bool                `json:"audio,omitempty"`
	Bgm               *bool                `json:"bgm,omitempty"`
	Duration          int64                `json:"duration"`
	MovementAmplitude *Q2MovementAmplitude `json:"movement_amplitude,omitempty"`
	// Text prompt. Reference subjects as `@1`, `@2`, ...
	Prompt string `json:"prompt"`
	// Output resolution.
	Resolution *Q2ProMultiframeRequestResolution `json:"resolution,omitempty"`
	Seed       *int64                            `json:"seed,omitempty"`
	// Subjects, each with an id, reference images and an optional voice.
	Subjects  []Q2ReferenceSubject `json:"subjects"`
	Watermark *bool                `json:"watermark,omitempty"`
}

type Q2ReferenceSubject struct {
	// The subject's id, referenced from the prompt as `@id` (for example `@1`).
	ID      string   `json:"id"`
	Images  []string `json:"images"`
	VoiceID *string  `json:"voice_id,omitempty"`
}

type SubmitResponse struct {
	// Id of the created task; read its result with `getTaskResult`.
	TaskID string `json:"task_id"`
}

type SubmitResponseWithProviderID struct {
	// Id of the created task; read its result with `getTaskResult`.
	TaskID string `json:"task_id"`
	// The upstream provider's request id, when given.
	ProviderRequestID *string `json:"provider_request_id,omitempty"`
}

type TaskResult struct {
	Audios []AudioOutput `json:"audios,omitempty"`
	Extra  *TaskExtra    `json:"extra,omitempty"`
	Images []ImageOutput `json:"images,omitempty"`
	Task   TaskInfo      `json:"task"`
	Videos []VideoOutput `json:"videos,omitempty"`
}

type AudioOutput struct {
	AudioMetadata *AudioMetadata   `json:"audio_metadata,omitempty"`
	AudioType     *string          `json:"audio_type,omitempty"`
	AudioURL      string           `json:"audio_url"`
	AudioURLTTL   *StringOrInteger `json:"audio_url_ttl"`
}

type AudioMetadata struct {
	EndTime   *StringOrNumber `json:"end_time"`
	StartTime *StringOrNumber `json:"start_time"`
	Text      *string         `json:"text,omitempty"`
}

type TaskExtra struct {
	DebugInfo           *DebugInfo       `json:"debug_info,omitempty"`
	EnableNsfwDetection *bool            `json:"enable_nsfw_detection,omitempty"`
	Seed                *StringOrInteger `json:"seed"`
}

type DebugInfo struct {
	CompleteTimeMS *StringOrInteger `json:"complete_time_ms"`
	ExecuteTimeMS  *StringOrInteger `json:"execute_time_ms"`
	RequestInfo    *string          `json:"request_info,omitempty"`
	SubmitTimeMS   *StringOrInteger `json:"submit_time_ms"`
}

type ImageOutput struct {
	ImageType   *string          `json:"image_type,omitempty"`
	ImageURL    string           `json:"image_url"`
	ImageURLTTL *StringOrInteger `json:"image_url_ttl"`
}

type TaskInfo struct {
	// Estimated seconds until the task finishes.
	Eta *StringOrNumber `json:"eta"`
	// Progress from 0 to 100.
	ProgressPercent *StringOrNumber `json:"progress_percent"`
	// Why the task failed; empty unless it failed.
	Reason *string `json:"reason,omitempty"`
	// One of `TaskStatus`, or a status the providers added later: a valid answer, to be
	// treated as not finished (so a response validator must not reject it).
	Status   string  `json:"status"`
	TaskID   string  `json:"task_id"`
	TaskType *string `json:"task_type,omitempty"`
}

type VideoOutput struct {
	// `mp4` or `gif`.
	VideoType *string `json:"video_type,omitempty"`
	// Where to download the video; expires after `video_url_ttl` seconds.
	VideoURL string `json:"video_url"`
	// Seconds the URL stays valid.
	VideoURLTTL *StringOrInteger `json:"video_url_ttl"`
}

// Output aspect ratio.
type AspectRatio string

const (
	The11  AspectRatio = "1:1"
	The169 AspectRatio = "16:9"
	The916 AspectRatio = "9:16"
)

// Motion intensity of objects in the video (`large`, not `high`, on this model).
type MovementAmplitude string

const (
	Large                   MovementAmplitude = "large"
	MovementAmplitudeAuto   MovementAmplitude = "auto"
	MovementAmplitudeMedium MovementAmplitude = "medium"
	MovementAmplitudeSmall  MovementAmplitude = "small"
)

// Output resolution; only 1080p is supported.
type Q1ReferenceRequestResolution string

const (
	Purple1080P Q1ReferenceRequestResolution = "1080p"
)

// Motion intensity of objects in the video.
type Q2MovementAmplitude string

const (
	High                      Q2MovementAmplitude = "high"
	Q2MovementAmplitudeAuto   Q2MovementAmplitude = "auto"
	Q2MovementAmplitudeMedium Q2MovementAmplitude = "medium"
	Q2MovementAmplitudeSmall  Q2MovementAmplitude = "small"
)

// Output resolution.
type Q2ProFastRequestResolution string

const (
	Fluffy1080P Q2ProFastRequestResolution = "1080p"
	Purple720P  Q2ProFastRequestResolution = "720p"
)

// Output resolution.
type Q2ProMultiframeRequestResolution string

const (
	Fluffy720P     Q2ProMultiframeRequestResolution = "720p"
	Tentacled1080P Q2ProMultiframeRequestResolution = "1080p"
	The540P        Q2ProMultiframeRequestResolution = "540p"
)

// Watermark position. Ignored without a watermark.
type WmPosition string

const (
	BottomLeft  WmPosition = "bottom_left"
	BottomRight WmPosition = "bottom_right"
	TopLeft     WmPosition = "top_left"
	TopRight    WmPosition = "top_right"
)

// A number that some providers send as a decimal string.
//
// Estimated seconds until the task finishes.
//
// Progress from 0 to 100.
type StringOrNumber struct {
	Double *float64
	String *string
}

func (x *StringOrNumber) UnmarshalJSON(data []byte) error {
	object, err := unmarshalUnion(data, nil, &x.Double, nil, &x.String, false, nil, false, nil, false, nil, false, nil, false)
	if err != nil {
		return err
	}
	if object {
	}
	return nil
}

func (x *StringOrNumber) MarshalJSON() ([]byte, error) {
	return marshalUnion(nil, x.Double, nil, x.String, false, nil, false, nil, false, nil, false, nil, false)
}

// An integer that some providers send as a decimal string.
//
// Seconds the URL stays valid.
type StringOrInteger struct {
	Integer *int64
	String  *string
}

func (x *StringOrInteger) UnmarshalJSON(data []byte) error {
	object, err := unmarshalUnion(data, &x.Integer, nil, nil, &x.String, false, nil, false, nil, false, nil, false, nil, false)
	if err != nil {
		return err
	}
	if object {
	}
	return nil
}

func (x *StringOrInteger) MarshalJSON() ([]byte, error) {
	return marshalUnion(x.Integer, nil, nil, x.String, false, nil, false, nil, false, nil, false, nil, false)
}

func unmarshalUnion(data []byte, pi **int64, pf **float64, pb **bool, ps **string, haveArray bool, pa interface{}, haveObject bool, pc interface{}, haveMap bool, pm interface{}, haveEnum bool, pe interface{}, nullable bool) (bool, error) {
	if pi != nil {
		*pi = nil
	}
	if pf != nil {
		*pf = nil
	}
	if pb != nil {
		*pb = nil
	}
	if ps != nil {
		*ps = nil
	}

	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return false, err
	}

	switch v := tok.(type) {
	case json.Number:
		if pi != nil {
			i, err := v.Int64()
			if err == nil {
				*pi = &i
				return false, nil
			}
		}
		if pf != nil {
			f, err := v.Float64()
			if err == nil {
				*pf = &f
				return false, nil
			}
			return false, errors.New("Unparsable number")
		}
		return false, errors.New("Union does not contain number")
	case float64:
		return false, errors.New("Decoder should not return float64")
	case bool:
		if pb != nil {
			*pb = &v
			return false, nil
		}
		return false, errors.New("Union does not contain bool")
	case string:
		if haveEnum {
			return false, json.Unmarshal(data, pe)
		}
		if ps != nil {
			*ps = &v
			return false, nil
		}
		return false, errors.New("Union does not contain string")
	case nil:
		if nullable {
			return false, nil
		}
		return false, errors.New("Union does not contain null")
	case json.Delim:
		if v == '{' {
			if haveObject {
				return true, json.Unmarshal(data, pc)
			}
			if haveMap {
				return false, json.Unmarshal(data, pm)
			}
			return false, errors.New("Union does not contain object")
		}
		if v == '[' {
			if haveArray {
				return false, json.Unmarshal(data, pa)
			}
			return false, errors.New("Union does not contain array")
		}
		return false, errors.New("Cannot handle delimiter")
	}
	return false, errors.New("Cannot unmarshal union")
}

func marshalUnion(pi *int64, pf *float64, pb *bool, ps *string, haveArray bool, pa interface{}, haveObject bool, pc interface{}, haveMap bool, pm interface{}, haveEnum bool, pe interface{}, nullable bool) ([]byte, error) {
	if pi != nil {
		return json.Marshal(*pi)
	}
	if pf != nil {
		return json.Marshal(*pf)
	}
	if pb != nil {
		return json.Marshal(*pb)
	}
	if ps != nil {
		return json.Marshal(*ps)
	}
	if haveArray {
		return json.Marshal(pa)
	}
	if haveObject {
		return json.Marshal(pc)
	}
	if haveMap {
		return json.Marshal(pm)
	}
	if haveEnum {
		return json.Marshal(pe)
	}
	if nullable {
		return json.Marshal(nil)
	}
	return nil, errors.New("Union must not be null")
}
