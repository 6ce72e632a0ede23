"""Checking uploaded media by their content, never by the name or type the client claims.

* Images are opened with Pillow: the header gives format and size, which are checked against
  ``MAX_IMAGE_PIXELS`` *before* any pixel is decoded (a small PNG can claim 100 megapixels: a
  decompression bomb); then the first frame is fully decoded (a damaged file fails here) and
  re-encoded as two WebP derivatives: ``display`` (long side ≤ 1600 px) and ``thumbnail``
  (≤ 400 px), EXIF rotation applied.
* Videos: MP4/MOV (an ``ftyp`` box) or WebM (an EBML header) by their leading bytes.
* 3D models: GLB (magic ``glTF``, version 2, the declared length equal to the upload's, a
  JSON first chunk with ``asset.version`` 2.x) or self-contained glTF JSON (``asset.version``
  2.x, every buffer/image embedded as a ``data:`` URI, since nothing else is uploaded with it).

Every refusal is an ``InvalidInput`` naming the form field and the reason.
"""

from __future__ import annotations

import io
import json
import struct
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from core.errors import InvalidInput

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000  # e.g. 8000 × 5000
MAX_VIDEO_BYTES = 50 * 1024 * 1024
MAX_MODEL_BYTES = 20 * 1024 * 1024
DISPLAY_SIDE = 1600
THUMBNAIL_SIDE = 400

IMAGE_FORMATS = {"JPEG": ("jpeg", "image/jpeg", "jpg"), "PNG": ("png", "image/png", "png"),
                 "WEBP": ("webp", "image/webp", "webp"), "GIF": ("gif", "image/gif", "gif")}
CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp", "gif": "image/gif",
                 "mp4": "video/mp4", "mov": "video/quicktime", "webm": "video/webm",
                 "glb": "model/gltf-binary", "gltf": "model/gltf+json"}

GLB_MAGIC = b"glTF"
GLB_JSON_CHUNK = 0x4E4F534A


def invalid(field: str, zh: str, en: str) -> InvalidInput:
    return InvalidInput(field=field, reason={"zh-CN": zh, "en": en})


@dataclass(frozen=True)
class CheckedFile:
    kind: str  # image, video, model
    format: str  # jpeg, png, webp, gif, mp4, mov, webm, glb, gltf
    extension: str
    content_type: str
    width: int | None = None
    height: int | None = None
    display_webp: bytes = b""
    thumbnail_webp: bytes = b""


def sniff_kind(data: bytes) -> str:
    """The kind the content looks like: ``model``, ``video`` or (anything else) ``image``."""
    head = data[:16]
    if head.startswith(GLB_MAGIC) or data[:1024].lstrip()[:1] == b"{":
        return "model"
    if head[4:8] == b"ftyp" or head.startswith(b"\x1a\x45\xdf\xa3"):
        return "video"
    return "image"


def _check_size(data: bytes, limit: int, field: str) -> None:
    if not data:
        raise invalid(field, "文件为空", "the file is empty")
    if len(data) > limit:
        mib = limit // (1024 * 1024)
        raise invalid(field, f"文件过大（最大 {mib} MB）", f"the file is too large (at most {mib} MB)")


def _webp(image: Image.Image, side: int) -> bytes:
    copy = image.copy()
    copy.thumbnail((side, side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    copy.save(out, "WEBP", quality=82, method=4)
    return out.getvalue()


def check_image(data: bytes, field: str) -> CheckedFile:
    """Decode ``data`` as an image and make its WebP derivatives (CPU work: run in a thread)."""
    _check_size(data, MAX_IMAGE_BYTES, field)
    bomb = invalid(field, f"图片像素过多（最多 {MAX_IMAGE_PIXELS // 1_000_000} 百万像素）",
                   f"the image has too many pixels (at most {MAX_IMAGE_PIXELS // 1_000_000} megapixels)")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise bomb from exc
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
            raise invalid(field, "不是可识别的图片（支持 JPEG、PNG、WebP、GIF）",
                          "not a readable image (JPEG, PNG, WebP or GIF)") from exc
        source_format = str(image.format)
        if source_format not in IMAGE_FORMATS:
            raise invalid(field, "不支持的图片格式（支持 JPEG、PNG、WebP、GIF）",
                          f"unsupported image format {image.format} (JPEG, PNG, WebP or GIF)")
        width, height = image.size
        if width < 1 or height < 1 or width * height > MAX_IMAGE_PIXELS:
            raise bomb
        try:
            image.seek(0)
            image.load()
            image = ImageOps.exif_transpose(image)
            if image.mode not in ("RGB", "RGBA"):
                image = image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB")
            display, thumbnail = _webp(image, DISPLAY_SIDE), _webp(image, THUMBNAIL_SIDE)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise bomb from exc
        except (OSError, ValueError, SyntaxError, struct.error) as exc:
            raise invalid(field, "图片数据已损坏", "the image data is damaged") from exc
    name, content_type, extension = IMAGE_FORMATS[source_format]
    return CheckedFile("image", name, extension, content_type, width, height, display, thumbnail)


def check_video(data: bytes, field: str) -> CheckedFile:
    _check_size(data, MAX_VIDEO_BYTES, field)
    if data[4:8] == b"ftyp":
        brand = data[8:12]
        name = "mov" if brand == b"qt  " else "mp4"
        return CheckedFile("video", name, name, CONTENT_TYPES[name])
    if data.startswith(b"\x1a\x45\xdf\xa3") and b"webm" in data[:64]:
        return CheckedFile("video", "webm", "webm", CONTENT_TYPES["webm"])
    raise invalid(field, "不是支持的视频（支持 MP4、MOV、WebM）", "not a supported video (MP4, MOV or WebM)")


def _check_gltf_json(document: object, field: str, *, embedded_only: bool) -> None:
    if not isinstance(document, dict) or not isinstance(document.get("asset"), dict):
        raise invalid(field, "glTF 缺少 asset 信息", "the glTF has no asset object")
    version = str(document["asset"].get("version", ""))
    if not version.startswith("2."):
        raise invalid(field, f"仅支持 glTF 2.0（文件为 {version or '未知'}）", f"only glTF 2.0 is supported (file says {version or 'nothing'})")
    if embedded_only:
        for section in ("buffers", "images"):
            for item in document.get(section) or []:
                uri = item.get("uri") if isinstance(item, dict) else None
                if uri is not None and not str(uri).startswith("data:"):
                    raise invalid(field, "glTF 引用了外部文件：请上传 GLB 或内嵌资源的 glTF",
                                  "the glTF refers to external files: upload GLB, or glTF with embedded (data:) resources")


def check_model(data: bytes, field: str) -> CheckedFile:
    _check_size(data, MAX_MODEL_BYTES, field)
    if data.startswith(GLB_MAGIC):
        if len(data) < 20:
            raise invalid(field, "GLB 文件头不完整", "the GLB header is incomplete")
        _, version, length = struct.unpack_from("<4sII", data, 0)
        if version != 2:
            raise invalid(field, f"仅支持 GLB 版本 2（文件为 {version}）", f"only GLB version 2 is supported (file says {version})")
        if length != len(data):
            raise invalid(field, "GLB 声明的长度与文件大小不符", f"the GLB declares {length} bytes but {len(data)} were uploaded")
        chunk_length, chunk_type = struct.unpack_from("<II", data, 12)
        if chunk_type != GLB_JSON_CHUNK or 20 + chunk_length > len(data):
            raise invalid(field, "GLB 第一个数据块不是 JSON", "the first GLB chunk is not JSON")
        try:
            document = json.loads(data[20 : 20 + chunk_length])
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise invalid(field, "GLB 的 JSON 数据块无法解析", "the GLB JSON chunk is not valid JSON") from exc
        _check_gltf_json(document, field, embedded_only=False)
        return CheckedFile("model", "glb", "glb", CONTENT_TYPES["glb"])
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise invalid(field, "不是 GLB 或 glTF 模型文件", "not a GLB or glTF model") from exc
    _check_gltf_json(document, field, embedded_only=True)
    return CheckedFile("model", "gltf", "gltf", CONTENT_TYPES["gltf"])


def check_file(data: bytes, field: str, kind: str | None = None) -> CheckedFile:
    """Check an upload as ``kind`` (or as the kind its content looks like)."""
    actual = sniff_kind(data)
    if kind is not None and kind != actual:
        names = {"image": ("图片", "an image"), "video": ("视频", "a video"), "model": ("3D 模型", "a 3D model")}
        raise invalid(field, f"文件不是{names[kind][0]}", f"the file is not {names[kind][1]}")
    return {"image": check_image, "video": check_video, "model": check_model}[actual](data, field)
