# Generated from spec/openapi.yaml by packages/openapi/scripts/generate-models.mjs. Do not edit.
# quicktype 26.0.0, from the JSON Schemas in dist/schemas/.

from dataclasses import dataclass
from typing import Optional, Dict, Any, List, Union, TypeVar, Callable, Type, cast
from enum import Enum


T = TypeVar("T")
EnumT = TypeVar("EnumT", bound=Enum)


def from_int(x: Any) -> int:
    assert isinstance(x, int) and not isinstance(x, bool)
    return x


def from_none(x: Any) -> Any:
    assert x is None
    return x


def from_union(fs, x):
    for f in fs:
        try:
            return f(x)
        except:
            pass
    assert False


def from_str(x: Any) -> str:
    assert isinstance(x, str)
    return x


def from_dict(f: Callable[[Any], T], x: Any) -> Dict[str, T]:
    assert isinstance(x, dict)
    return { k: f(v) for (k, v) in x.items() }


def from_list(f: Callable[[Any], T], x: Any) -> List[T]:
    assert isinstance(x, list)
    return [f(y) for y in x]


def from_bool(x: Any) -> bool:
    assert isinstance(x, bool)
    return x


def to_enum(c: Type[EnumT], x: Any) -> EnumT:
    assert isinstance(x, c)
    return x.value


def to_class(c: Type[T], x: Any) -> dict:
    assert isinstance(x, c)
    return cast(Any, x).to_dict()


def from_float(x: Any) -> float:
    assert isinstance(x, (float, int)) and not isinstance(x, bool)
    return float(x)


def to_float(x: Any) -> float:
    assert isinstance(x, (int, float))
    return x


@dataclass
class ErrorBody:
    """The error body seen in real responses. A proxy in front of the provider may instead
    answer with HTML or an empty body.
    """
    code: Optional[int] = None
    """Usually the HTTP status."""

    message: Optional[str] = None
    """A human-readable explanation."""

    metadata: Optional[Dict[str, Any]] = None
    """Extra details, provider-specific."""

    reason: Optional[str] = None
    """A machine-readable code. The documented ones are listed; others may appear."""

    @staticmethod
    def from_dict(obj: Any) -> 'ErrorBody':
        assert isinstance(obj, dict)
        code = from_union([from_int, from_none], obj.get("code"))
        message = from_union([from_str, from_none], obj.get("message"))
        metadata = from_union([lambda x: from_dict(lambda x: x, x), from_none], obj.get("metadata"))
        reason = from_union([from_str, from_none], obj.get("reason"))
        return ErrorBody(code, message, metadata, reason)

    def to_dict(self) -> dict:
        result: dict = {}
        if self.code is not None:
            result["code"] = from_union([from_int, from_none], self.code)
        if self.message is not None:
            result["message"] = from_union([from_str, from_none], self.message)
        if self.metadata is not None:
            result["metadata"] = from_union([lambda x: from_dict(lambda x: x, x), from_none], self.metadata)
        if self.reason is not None:
            result["reason"] = from_union([from_str, from_none], self.reason)
        return result


class AspectRatio(Enum):
    """Output aspect ratio."""

    THE_11 = "1:1"
    THE_169 = "16:9"
    THE_916 = "9:16"


class MovementAmplitude(Enum):
    """Motion intensity of objects in the video (`large`, not `high`, on this model)."""

    AUTO = "auto"
    LARGE = "large"
    MEDIUM = "medium"
    SMALL = "small"


class Q1ReferenceRequestResolution(Enum):
    """Output resolution; only 1080p is supported."""

    THE_1080_P = "1080p"


@dataclass
class Q1ReferenceRequest:
    images: List[str]
    """1 to 7 reference images of the subject (URL or `data:image/...;base64,...`): PNG,
    JPEG or WebP, at least 128x128 px, aspect ratio within 1:4 to 4:1, at most 50 MB
    each, a decoded base64 image under 10 MB.
    """
    prompt: str
    """Text prompt, at most 1500 characters."""

    aspect_ratio: Optional[AspectRatio] = None
    """Output aspect ratio."""

    bgm: Optional[bool] = None
    duration: Optional[int] = None
    """Video duration in seconds; only 5 is supported."""

    movement_amplitude: Optional[MovementAmplitude] = None
    """Motion intensity of objects in the video (`large`, not `high`, on this model)."""

    resolution: Optional[Q1ReferenceRequestResolution] = None
    """Output resolution; only 1080p is supported."""

    seed: Optional[int] = None

    @staticmethod
    def from_dict(obj: Any) -> 'Q1ReferenceRequest':
        assert isinstance(obj, dict)
        images = from_list(from_str, obj.get("images"))
        prompt = from_str(obj.get("prompt"))
        aspect_ratio = from_union([AspectRatio, from_none], obj.get("aspect_ratio"))
        bgm = from_union([from_bool, from_none], obj.get("bgm"))
        duration = from_union([from_int, from_none], obj.get("duration"))
        movement_amplitude = from_union([MovementAmplitude, from_none], obj.get("movement_amplitude"))
        resolution = from_union([Q1ReferenceRequestResolution, from_none], obj.get("resolution"))
        seed = from_union([from_int, from_none], obj.get("seed"))
        return Q1ReferenceRequest(images, prompt, aspect_ratio, bgm, duration, movement_amplitude, resolution, seed)

    def to_dict(self) -> dict:
        result: dict = {}
        result["images"] = from_list(from_str, self.images)
        result["prompt"] = from_str(self.prompt)
        if self.aspect_ratio is not None:
            result["aspect_ratio"] = from_union([lambda x: to_enum(AspectRatio, x), from_none], self.aspect_ratio)
        if self.bgm is not None:
            result["bgm"] = from_union([from_bool, from_none], self.bgm)
        if self.duration is not None:
            result["duration"] = from_union([from_int, from_none], self.duration)
        if self.movement_amplitude is not None:
            result["movement_amplitude"] = from_union([lambda x: to_enum(MovementAmplitude, x), from_none], self.movement_amplitude)
        if self.resolution is not None:
            result["resolution"] = from_union([lambda x: to_enum(Q1ReferenceRequestResolution, x), from_none], self.resolution)
        if self.seed is not None:
            result["seed"] = from_union([from_int, from_none], self.seed)
        return result


class Q2MovementAmplitude(Enum):
    """Motion intensity of objects in the video."""

    AUTO = "auto"
    HIGH = "high"
    MEDIUM = "medium"
    SMALL = "small"


class Q2ProFastRequestResolution(Enum):
    """Output resolution."""

    THE_1080_P = "1080p"
    THE_720_P = "720p"


@dataclass
class Q2ProFastSubject:
    images: List[str]
    name: str
    """The subject's name, referenced from the prompt as `@name` (for example `@1`)."""

    voice_id: Optional[str] = None

    @staticmethod
    def from_dict(obj: Any) -> 'Q2ProFastSubject':
        assert isinstance(obj, dict)
        images = from_list(from_str, obj.get("images"))
        name = from_str(obj.get("name"))
        voice_id = from_union([from_str, from_none], obj.get("voice_id"))
        return Q2ProFastSubject(images, name, voice_id)

    def to_dict(self) -> dict:
        result: dict = {}
        result["images"] = from_list(from_str, self.images)
        result["name"] = from_str(self.name)
        if self.voice_id is not None:
            result["voice_id"] = from_union([from_str, from_none], self.voice_id)
        return result


@dataclass
class Q2ProFastRequest:
    duration: int
    prompt: str
    """Text prompt, at most 2000 characters. Reference subjects as `@1`, `@2`, ..."""

    subjects: List[Q2ProFastSubject]
    """Subjects, each with a name, reference images and an optional voice."""

    aspect_ratio: Optional[str] = None
    audio: Optional[bool] = None
    bgm: Optional[bool] = None
    movement_amplitude: Optional[Q2MovementAmplitude] = None
    resolution: Optional[Q2ProFastRequestResolution] = None
    """Output resolution."""

    seed: Optional[int] = None
    watermark: Optional[bool] = None

    @staticmethod
    def from_dict(obj: Any) -> 'Q2ProFastRequest':
        assert isinstance(obj, dict)
        duration = from_int(obj.get("duration"))
        prompt = from_str(obj.get("prompt"))
        subjects = from_list(Q2ProFastSubject.from_dict, obj.get("subjects"))
        aspect_ratio = from_union([from_str, from_none], obj.get("aspect_ratio"))
        audio = from_union([from_bool, from_none], obj.get("audio"))
        bgm = from_union([from_bool, from_none], obj.get("bgm"))
        movement_amplitude = from_union([Q2MovementAmplitude, from_none], obj.get("movement_amplitude"))
        resolution = from_union([Q2ProFastRequestResolution, from_none], obj.get("resolution"))
        seed = from_union([from_int, from_none], obj.get("seed"))
        watermark = from_union([from_bool, from_none], obj.get("watermark"))
        return Q2ProFastRequest(duration, prompt, subjects, aspect_ratio, audio, bgm, movement_amplitude, resolution, seed, watermark)

    def to_dict(self) -> dict:
        result: dict = {}
        result["duration"] = from_int(self.duration)
        result["prompt"] = from_str(self.prompt)
        result["subjects"] = from_list(lambda x: to_class(Q2ProFastSubject, x), self.subjects)
        if self.aspect_ratio is not None:
            result["aspect_ratio"] = from_union([from_str, from_none], self.aspect_ratio)
        if self.audio is not None:
            result["audio"] = from_union([from_bool, from_none], self.audio)
        if self.bgm is not None:
            result["bgm"] = from_union([from_bool, from_none], self.bgm)
        if self.movement_amplitude is not None:
            result["movement_amplitude"] = from_union([lambda x: to_enum(Q2MovementAmplitude, x), from_none], self.movement_amplitude)
        if self.resolution is not None:
            result["resolution"] = from_union([lambda x: to_enum(Q2ProFastRequestResolution, x), from_none], self.resolution)
        if self.seed is not None:
            result["seed"] = from_union([from_int, from_none], self.seed)
        if self.watermark is not None:
            result["watermark"] = from_union([from_bool, from_none], self.watermark)
        return result


@dataclass
class Keyframe:
    key_image: str
    """The last frame of this segment."""

    duration: Optional[int] = None
    """Length of this segment in seconds, 2 to 7."""

    prompt: Optional[str] = None
    """What happens in this segment."""

    @staticmethod
    def from_dict(obj: Any) -> 'Keyframe':
        assert isinstance(obj, dict)
        key_image = from_str(obj.get("key_image"))
        duration = from_union([from_int, from_none], obj.get("duration"))
        prompt = from_union([from_str, from_none], obj.get("prompt"))
        return Keyframe(key_image, duration, prompt)

    def to_dict(self) -> dict:
        result: dict = {}
        result["key_image"] = from_str(self.key_image)
        if self.duration is not None:
            result["duration"] = from_union([from_int, from_none], self.duration)
        if self.prompt is not None:
            result["prompt"] = from_union([from_str, from_none], self.prompt)
        return result


class Q2ProMultiframeRequestResolution(Enum):
    """Output resolution."""

    THE_1080_P = "1080p"
    THE_540_P = "540p"
    THE_720_P = "720p"


class WmPosition(Enum):
    """Watermark position. Ignored without a watermark."""

    BOTTOM_LEFT = "bottom_left"
    BOTTOM_RIGHT = "bottom_right"
    TOP_LEFT = "top_left"
    TOP_RIGHT = "top_right"


@dataclass
class Q2ProMultiframeRequest:
    image_settings: List[Keyframe]
    """Keyframes in timeline order, 2 to 9."""

    start_image: str
    """The first frame (URL or base64): PNG, JPEG or WebP, aspect ratio within 1:4 to 4:1,
    at most 50 MB.
    """
    meta_data: Optional[str] = None
    """Metadata as a JSON-formatted string, passed through."""

    payload: Optional[str] = None
    """Passed through untouched, at most 1,048,576 characters."""

    resolution: Optional[Q2ProMultiframeRequestResolution] = None
    """Output resolution."""

    watermark: Optional[bool] = None
    wm_position: Optional[WmPosition] = None
    """Watermark position. Ignored without a watermark."""

    wm_url: Optional[str] = None
    """Watermark image URL; the default watermark when omitted. Ignored without a watermark."""

    @staticmethod
    def from_dict(obj: Any) -> 'Q2ProMultiframeRequest':
        assert isinstance(obj, dict)
        image_settings = from_list(Keyframe.from_dict, obj.get("image_settings"))
        start_image = from_str(obj.get("start_image"))
        meta_data = from_union([from_str, from_none], obj.get("meta_data"))
        payload = from_union([from_str, from_none], obj.get("payload"))
        resolution = from_union([Q2ProMultiframeRequestResolution, from_none], obj.get("resolution"))
        watermark = from_union([from_bool, from_none], obj.get("watermark"))
        wm_position = from_union([WmPosition, from_none], obj.get("wm_position"))
        wm_url = from_union([from_str, from_none], obj.get("wm_url"))
        return Q2ProMultiframeRequest(image_settings, start_image, meta_data, payload, resolution, watermark, wm_position, wm_url)

    def to_dict(self) -> dict:
        result: dict = {}
        result["image_settings"] = from_list(lambda x: to_class(Keyframe, x), self.image_settings)
        result["start_image"] = from_str(self.start_image)
        if self.meta_data is not None:
            result["meta_data"] = from_union([from_str, from_none], self.meta_data)
        if self.payload is not None:
            result["payload"] = from_union([from_str, from_none], self.payload)
        if self.resolution is not None:
            result["resolution"] = from_union([lambda x: to_enum(Q2ProMultiframeRequestResolution, x), from_none], self.resolution)
        if self.watermark is not None:
            result["watermark"] = from_union([from_bool, from_none], self.watermark)
        if self.wm_position is not None:
            result["wm_position"] = from_union([lambda x: to_enum(WmPosition, x), from_none], self.wm_position)
        if self.wm_url is not None:
            result["wm_url"] = from_union([from_str, from_none], self.wm_url)
        return result


@dataclass
class Q2ReferenceSubject:
    id: str
    """The subject's id, referenced from the prompt as `@id` (for example `@1`)."""

    images: List[str]
    voice_id: Optional[str] = None

    @staticmethod
    def from_dict(obj: Any) -> 'Q2ReferenceSubject':
        assert isinstance(obj, dict)
        id = from_str(obj.get("id"))
        images = from_list(from_str, obj.get("images"))
        voice_id = from_union([from_str, from_none], obj.get("voice_id"))
        return Q2ReferenceSubject(id, images, voice_id)

    def to_dict(self) -> dict:
        result: dict = {}
        result["id"] = from_str(self.id)
        result["images"] = from_list(from_str, self.images)
        if self.voice_id is not None:
            result["voice_id"] = from_union([from_str, from_none], self.voice_id)
        return result


@dataclass
class Q2ReferenceRequest:
    duration: int
    prompt: str
    """Text prompt. Reference subjects as `@1`, `@2`, ..."""

    subjects: List[Q2ReferenceSubject]
    """Subjects, each with an id, reference images and an optional voice."""

    aspect_ratio: Optional[str] = None
    audio: Optional[bool] = None
    bgm: Optional[bool] = None
    movement_amplitude: Optional[Q2MovementAmplitude] = None
    resolution: Optional[Q2ProMultiframeRequestResolution] = None
    """Output resolution."""

    seed: Optional[int] = None
    watermark: Optional[bool] = None

    @staticmethod
    def from_dict(obj: Any) -> 'Q2ReferenceRequest':
        assert isinstance(obj, dict)
        duration = from_int(obj.get("duration"))
        prompt = from_str(obj.get("prompt"))
        subjects = from_list(Q2ReferenceSubject.from_dict, obj.get("subjects"))
        aspect_ratio = from_union([from_str, from_none], obj.get("aspect_ratio"))
        audio = from_union([from_bool, from_none], obj.get("audio"))
        bgm = from_union([from_bool, from_none], obj.get("bgm"))
        movement_amplitude = from_union([Q2MovementAmplitude, from_none], obj.get("movement_amplitude"))
        resolution = from_union([Q2ProMultiframeRequestResolution, from_none], obj.get("resolution"))
        seed = from_union([from_int, from_none], obj.get("seed"))
        watermark = from_union([from_bool, from_none], obj.get("watermark"))
        return Q2ReferenceRequest(duration, prompt, subjects, aspect_ratio, audio, bgm, movement_amplitude, resolution, seed, watermark)

    def to_dict(self) -> dict:
        result: dict = {}
        result["duration"] = from_int(self.duration)
        result["prompt"] = from_str(self.prompt)
        result["subjects"] = from_list(lambda x: to_class(Q2ReferenceSubject, x), self.subjects)
        if self.aspect_ratio is not None:
            result["aspect_ratio"] = from_union([from_str, from_none], self.aspect_ratio)
        if self.audio is not None:
            result["audio"] = from_union([from_bool, from_none], self.audio)
        if self.bgm is not None:
            result["bgm"] = from_union([from_bool, from_none], self.bgm)
        if self.movement_amplitude is not None:
            result["movement_amplitude"] = from_union([lambda x: to_enum(Q2MovementAmplitude, x), from_none], self.movement_amplitude)
        if self.resolution is not None:
            result["resolution"] = from_union([lambda x: to_enum(Q2ProMultiframeRequestResolution, x), from_none], self.resolution)
        if self.seed is not None:
            result["seed"] = from_union([from_int, from_none], self.seed)
        if self.watermark is not None:
            result["watermark"] = from_union([from_bool, from_none], self.watermark)
        return result


@dataclass
class SubmitResponse:
    task_id: str
    """Id of the created task; read its result with `getTaskResult`."""

    @staticmethod
    def from_dict(obj: Any) -> 'SubmitResponse':
        assert isinstance(obj, dict)
        task_id = from_str(obj.get("task_id"))
        return SubmitResponse(task_id)

    def to_dict(self) -> dict:
        result: dict = {}
        result["task_id"] = from_str(self.task_id)
        return result


@dataclass
class SubmitResponseWithProviderID:
    task_id: str
    """Id of the created task; read its result with `getTaskResult`."""

    provider_request_id: Optional[str] = None
    """The upstream provider's request id, when given."""

    @staticmethod
    def from_dict(obj: Any) -> 'SubmitResponseWithProviderID':
        assert isinstance(obj, dict)
        task_id = from_str(obj.get("task_id"))
        provider_request_id = from_union([from_str, from_none], obj.get("provider_request_id"))
        return SubmitResponseWithProviderID(task_id, provider_request_id)

    def to_dict(self) -> dict:
        result: dict = {}
        result["task_id"] = from_str(self.task_id)
        if self.provider_request_id is not None:
            result["provider_request_id"] = from_union([from_str, from_none], self.provider_request_id)
        return result


@dataclass
class AudioMetadata:
    end_time: Optional[Union[float, str]] = None
    start_time: Optional[Union[float, str]] = None
    text: Optional[str] = None

    @staticmethod
    def from_dict(obj: Any) -> 'AudioMetadata':
        assert isinstance(obj, dict)
        end_time = from_union([from_float, from_str, from_none], obj.get("end_time"))
        start_time = from_union([from_float, from_str, from_none], obj.get("start_time"))
        text = from_union([from_str, from_none], obj.get("text"))
        return AudioMetadata(end_time, start_time, text)

    def to_dict(self) -> dict:
        result: dict = {}
        if self.end_time is not None:
            result["end_time"] = from_union([to_float, from_str, from_none], self.end_time)
        if self.start_time is not None:
            result["start_time"] = from_union([to_float, from_str, from_none], self.start_time)
        if self.text is not None:
            result["text"] = from_union([from_str, from_none], self.text)
        return result


@dataclass
class AudioOutput:
    audio_url: str
    audio_metadata: Optional[AudioMetadata] = None
    audio_type: Optional[str] = None
    audio_url_ttl: Optional[Union[int, str]] = None

    @staticmethod
    def from_dict(obj: Any) -> 'AudioOutput':
        assert isinstance(obj, dict)
        audio_url = from_str(obj.get("audio_url"))
        audio_metadata = from_union([AudioMetadata.from_dict, from_none], obj.get("audio_metadata"))
        audio_type = from_union([from_str, from_none], obj.get("audio_type"))
        audio_url_ttl = from_union([from_int, from_str, from_none], obj.get("audio_url_ttl"))
        return AudioOutput(audio_url, audio_metadata, audio_type, audio_url_ttl)

    def to_dict(self) -> dict:
        result: dict = {}
        result["audio_url"] = from_str(self.audio_url)
        if self.audio_metadata is not None:
            result["audio_metadata"] = from_union([lambda x: to_class(AudioMetadata, x), from_none], self.audio_metadata)
        if self.audio_type is not None:
            result["audio_type"] = from_union([from_str, from_none], self.audio_type)
        if self.audio_url_ttl is not None:
            result["audio_url_ttl"] = from_union([from_int, from_str, from_none], self.audio_url_ttl)
        return result


@dataclass
class DebugInfo:
    complete_time_ms: Optional[Union[int, str]] = None
    execute_time_ms: Optional[Union[int, str]] = None
    request_info: Optional[str] = None
    submit_time_ms: Optional[Union[int, str]] = None

    @staticmethod
    def from_dict(obj: Any) -> 'DebugInfo':
        assert isinstance(obj, dict)
        complete_time_ms = from_union([from_int, from_str, from_none], obj.get("complete_time_ms"))
        execute_time_ms = from_union([from_int, from_str, from_none], obj.get("execute_time_ms"))
        request_info = from_union([from_str, from_none], obj.get("request_info"))
        submit_time_ms = from_union([from_int, from_str, from_none], obj.get("submit_time_ms"))
        return DebugInfo(complete_time_ms, execute_time_ms, request_info, submit_time_ms)

    def to_dict(self) -> dict:
        result: dict = {}
        if self.complete_time_ms is not None:
            result["complete_time_ms"] = from_union([from_int, from_str, from_none], self.complete_time_ms)
        if self.execute_time_ms is not None:
            result["execute_time_ms"] = from_union([from_int, from_str, from_none], self.execute_time_ms)
        if self.request_info is not None:
            result["request_info"] = from_union([from_str, from_none], self.request_info)
        if self.submit_time_ms is not None:
            result["submit_time_ms"] = from_union([from_int, from_str, from_none], self.submit_time_ms)
        return result


@dataclass
class TaskExtra:
    debug_info: Optional[DebugInfo] = None
    enable_nsfw_detection: Optional[bool] = None
    seed: Optional[Union[int, str]] = None

    @staticmethod
    def from_dict(obj: Any) -> 'TaskExtra':
        assert isinstance(obj, dict)
        debug_info = from_union([DebugInfo.from_dict, from_none], obj.get("debug_info"))
        enable_nsfw_detection = from_union([from_bool, from_none], obj.get("enable_nsfw_detection"))
        seed = from_union([from_int, from_str, from_none], obj.get("seed"))
        return TaskExtra(debug_info, enable_nsfw_detection, seed)

    def to_dict(self) -> dict:
        result: dict = {}
        if self.debug_info is not None:
            result["debug_info"] = from_union([lambda x: to_class(DebugInfo, x), from_none], self.debug_info)
        if self.enable_nsfw_detection is not None:
            result["enable_nsfw_detection"] = from_union([from_bool, from_none], self.enable_nsfw_detection)
        if self.seed is not None:
            result["seed"] = from_union([from_int, from_str, from_none], self.seed)
        return result


@dataclass
class ImageOutput:
    image_url: str
    image_type: Optional[str] = None
    image_url_ttl: Optional[Union[int, str]] = None

    @staticmethod
    def from_dict(obj: Any) -> 'ImageOutput':
        assert isinstance(obj, dict)
        image_url = from_str(obj.get("image_url"))
        image_type = from_union([from_str, from_none], obj.get("image_type"))
        image_url_ttl = from_union([from_int, from_str, from_none], obj.get("image_url_ttl"))
        return ImageOutput(image_url, image_type, image_url_ttl)

    def to_dict(self) -> dict:
        result: dict = {}
        result["image_url"] = from_str(self.image_url)
        if self.image_type is not None:
            result["image_type"] = from_union([from_str, from_none], self.image_type)
        if self.image_url_ttl is not None:
            result["image_url_ttl"] = from_union([from_int, from_str, from_none], self.image_url_ttl)
        return result


@dataclass
class TaskInfo:
    status: str
    """One of `TaskStatus`, or a status the providers added later: a valid answer, to be
    treated as not finished (so a response validator must not reject it).
    """
    task_id: str
    eta: Optional[Union[float, str]] = None
    """Estimated seconds until the task finishes."""

    progress_percent: Optional[Union[float, str]] = None
    """Progress from 0 to 100."""

    reason: Optional[str] = None
    """Why the task failed; empty unless it failed."""

    task_type: Optional[str] = None

    @staticmethod
    def from_dict(obj: Any) -> 'TaskInfo':
        assert isinstance(obj, dict)
        status = from_str(obj.get("status"))
        task_id = from_str(obj.get("task_id"))
        eta = from_union([from_float, from_str, from_none], obj.get("eta"))
        progress_percent = from_union([from_float, from_str, from_none], obj.get("progress_percent"))
        reason = from_union([from_str, from_none], obj.get("reason"))
        task_type = from_union([from_str, from_none], obj.get("task_type"))
        return TaskInfo(status, task_id, eta, progress_percent, reason, task_type)

    def to_dict(self) -> dict:
        result: dict = {}
        result["status"] = from_str(self.status)
        result["task_id"] = from_str(self.task_id)
        if self.eta is not None:
            result["eta"] = from_union([to_float, from_str, from_none], self.eta)
        if self.progress_percent is not None:
            result["progress_percent"] = from_union([to_float, from_str, from_none], self.progress_percent)
        if self.reason is not None:
            result["reason"] = from_union([from_str, from_none], self.reason)
        if self.task_type is not None:
            result["task_type"] = from_union([from_str, from_none], self.task_type)
        return result


@dataclass
class VideoOutput:
    video_url: str
    """Where to download the video; expires after `video_url_ttl` seconds."""

    video_type: Optional[str] = None
    """`mp4` or `gif`."""

    video_url_ttl: Optional[Union[int, str]] = None
    """Seconds the URL stays valid."""

    @staticmethod
    def from_dict(obj: Any) -> 'VideoOutput':
        assert isinstance(obj, dict)
        video_url = from_str(obj.get("video_url"))
        video_type = from_union([from_str, from_none], obj.get("video_type"))
        video_url_ttl = from_union([from_int, from_str, from_none], obj.get("video_url_ttl"))
        return VideoOutput(video_url, video_type, video_url_ttl)

    def to_dict(self) -> dict:
        result: dict = {}
        result["video_url"] = from_str(self.video_url)
        if self.video_type is not None:
            result["video_type"] = from_union([from_str, from_none], self.video_type)
        if self.video_url_ttl is not None:
            result["video_url_ttl"] = from_union([from_int, from_str, from_none], self.video_url_ttl)
        return result


@dataclass
class TaskResult:
    task: TaskInfo
    audios: Optional[List[AudioOutput]] = None
    extra: Optional[TaskExtra] = None
    images: Optional[List[ImageOutput]] = None
    videos: Optional[List[VideoOutput]] = None

    @staticmethod
    def from_dict(obj: Any) -> 'TaskResult':
        assert isinstance(obj, dict)
        task = TaskInfo.from_dict(obj.get("task"))
        audios = from_union([lambda x: from_list(AudioOutput.from_dict, x), from_none], obj.get("audios"))
        extra = from_union([TaskExtra.from_dict, from_none], obj.get("extra"))
        images = from_union([lambda x: from_list(ImageOutput.from_dict, x), from_none], obj.get("images"))
        videos = from_union([lambda x: from_list(VideoOutput.from_dict, x), from_none], obj.get("videos"))
        return TaskResult(task, audios, extra, images, videos)

    def to_dict(self) -> dict:
        result: dict = {}
        result["task"] = to_class(TaskInfo, self.task)
        if self.audios is not None:
            result["audios"] = from_union([lambda x: from_list(lambda x: to_class(AudioOutput, x), x), from_none], self.audios)
        if self.extra is not None:
            result["extra"] = from_union([lambda x: to_class(TaskExtra, x), from_none], self.extra)
        if self.images is not None:
            result["images"] = from_union([lambda x: from_list(lambda x: to_class(ImageOutput, x), x), from_none], self.images)
        if self.videos is not None:
            result["videos"] = from_union([lambda x: from_list(lambda x: to_class(VideoOutput, x), x), from_none], self.videos)
        return result


def error_body_from_dict(s: Any) -> ErrorBody:
    return ErrorBody.from_dict(s)


def error_body_to_dict(x: ErrorBody) -> Any:
    return to_class(ErrorBody, x)


def q1_reference_request_from_dict(s: Any) -> Q1ReferenceRequest:
    return Q1ReferenceRequest.from_dict(s)


def q1_reference_request_to_dict(x: Q1ReferenceRequest) -> Any:
    return to_class(Q1ReferenceRequest, x)


def q2_pro_fast_request_from_dict(s: Any) -> Q2ProFastRequest:
    return Q2ProFastRequest.from_dict(s)


def q2_pro_fast_request_to_dict(x: Q2ProFastRequest) -> Any:
    return to_class(Q2ProFastRequest, x)


def q2_pro_multiframe_request_from_dict(s: Any) -> Q2ProMultiframeRequest:
    return Q2ProMultiframeRequest.from_dict(s)


def q2_pro_multiframe_request_to_dict(x: Q2ProMultiframeRequest) -> Any:
    return to_class(Q2ProMultiframeRequest, x)


def q2_reference_request_from_dict(s: Any) -> Q2ReferenceRequest:
    return Q2ReferenceRequest.from_dict(s)


def q2_reference_request_to_dict(x: Q2ReferenceRequest) -> Any:
    return to_class(Q2ReferenceRequest, x)


def submit_response_from_dict(s: Any) -> SubmitResponse:
    return SubmitResponse.from_dict(s)


def submit_response_to_dict(x: SubmitResponse) -> Any:
    return to_class(SubmitResponse, x)


def submit_response_with_provider_id_from_dict(s: Any) -> SubmitResponseWithProviderID:
    return SubmitResponseWithProviderID.from_dict(s)


def submit_response_with_provider_id_to_dict(x: SubmitResponseWithProviderID) -> Any:
    return to_class(SubmitResponseWithProviderID, x)


def task_result_from_dict(s: Any) -> TaskResult:
    return TaskResult.from_dict(s)


def task_result_to_dict(x: TaskResult) -> Any:
    return to_class(TaskResult, x)
