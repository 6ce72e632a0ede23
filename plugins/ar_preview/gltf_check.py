"""Checking a 3D model for the mini-program and H5 viewers with pygltflib, and measuring what
the merchant is shown: triangle count and the largest texture.

Core's media check (``core.catalog.media_files.check_model``) already accepts GLB and
self-contained glTF 2.0 for the media library; this plugin asks more of a model it will show
to customers, because WeChat's xr-frame and phone GPUs refuse what a desktop viewer loads:

* the shop's own size limit (plugin setting ``max_model_mb``, 10 MB by default);
* GLB: the 12-byte header, version 2 (version 1 is glTF 1.0's KHR_binary_glTF), the declared
  length equal to the bytes received (a truncated upload is named as such), every chunk
  inside the file, a JSON chunk first;
* glTF 1.0 refused (``asset.version`` must be 2.x);
* resources inside the file (GLB binary chunk or ``data:`` URIs), never beside it;
* required extensions limited to those both viewers decode without a decoder download
  (no Draco, Meshopt or KTX2: xr-frame and model-viewer would fetch decoders from a CDN);
* textures PNG or JPEG, none larger than 4096 px on a side (the common mobile
  ``MAX_TEXTURE_SIZE``; xr-frame downsizes nothing and shows a black model).

Every refusal is an ``InvalidInput`` naming the form field and the reason, in zh-CN and en.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import struct
import warnings
import zipfile
from dataclasses import dataclass, field

import pygltflib
from PIL import Image, UnidentifiedImageError

from core.errors import InvalidInput

GLB_MAGIC = b"glTF"
JSON_CHUNK = 0x4E4F534A
BIN_CHUNK = 0x004E4942
MAX_TEXTURE_PX = 4096
# Above this a low-end phone drops frames in xr-frame: shown as a warning, not refused.
MANY_TRIANGLES = 200_000
# Extensions both viewers handle in their own code (no decoder fetched from the internet).
SUPPORTED_REQUIRED_EXTENSIONS = frozenset({
    "KHR_materials_unlit", "KHR_texture_transform", "KHR_mesh_quantization", "KHR_materials_emissive_strength",
})
TEXTURE_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}
# glTF primitive modes: 4 triangles, 5 strip, 6 fan (0–3 points and lines draw no triangles).
TRIANGLES, STRIP, FAN = 4, 5, 6


def invalid(field_name: str, zh: str, en: str) -> InvalidInput:
    return InvalidInput(field=field_name, reason={"zh-CN": zh, "en": en})


class TooLarge(InvalidInput):
    """A file over the shop's limit: 413, naming the field like any refusal."""

    status_code = 413


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"


@dataclass(frozen=True)
class ModelFigures:
    """What a checked model is: shown to the merchant and kept with the AR model."""

    format: str  # glb or gltf
    size_bytes: int
    triangles: int
    texture_count: int
    max_texture_width: int
    max_texture_height: int
    warnings: list[dict[str, str]] = field(default_factory=list)


def check_size(data: bytes, limit_bytes: int, field_name: str) -> None:
    if not data:
        raise invalid(field_name, "文件为空", "the file is empty")
    if len(data) > limit_bytes:
        size, limit = megabytes(len(data)), megabytes(limit_bytes)
        raise TooLarge(field=field_name, reason={
            "zh-CN": f"文件 {size} MB，超过本店上限 {limit} MB（可在插件设置中调整）",
            "en": f"the file is {size} MB, over this shop's limit of {limit} MB (see the plugin's settings)",
        })


def _glb_document(data: bytes, field_name: str) -> tuple[pygltflib.GLTF2, bytes | None]:
    if len(data) < 12:
        raise invalid(field_name, "GLB 文件头不完整（不足 12 字节）", "the GLB header is incomplete (under 12 bytes)")
    _, version, length = struct.unpack_from("<4sII", data, 0)
    if version == 1:
        raise invalid(field_name, "这是 glTF 1.0 的二进制文件，仅支持 glTF 2.0（GLB 版本 2）",
                      "this is a glTF 1.0 binary file; only glTF 2.0 (GLB version 2) is supported")
    if version != 2:
        raise invalid(field_name, f"不支持的 GLB 版本 {version}，仅支持版本 2", f"unsupported GLB version {version}; only version 2 is supported")
    if length > len(data):
        raise invalid(field_name, f"GLB 文件不完整（被截断）：文件头声明 {length} 字节，只收到 {len(data)} 字节",
                      f"the GLB is truncated: its header declares {length} bytes but only {len(data)} arrived")
    if length < len(data):
        raise invalid(field_name, f"GLB 文件末尾有多余数据：文件头声明 {length} 字节，收到 {len(data)} 字节",
                      f"the GLB has data past its end: its header declares {length} bytes but {len(data)} arrived")
    offset, chunks = 12, []
    while offset < length:
        if offset + 8 > length:
            raise invalid(field_name, "GLB 数据块头不完整", "a GLB chunk header is incomplete")
        chunk_length, chunk_type = struct.unpack_from("<II", data, offset)
        if offset + 8 + chunk_length > length:
            raise invalid(field_name, "GLB 数据块超出文件末尾（文件不完整）", "a GLB chunk runs past the end of the file (the file is incomplete)")
        chunks.append((chunk_type, data[offset + 8 : offset + 8 + chunk_length]))
        offset += 8 + chunk_length
    if not chunks or chunks[0][0] != JSON_CHUNK:
        raise invalid(field_name, "GLB 第一个数据块不是 JSON", "the first GLB chunk is not JSON")
    document = _parse_json(chunks[0][1], field_name)
    binary = next((chunk for kind, chunk in chunks[1:] if kind == BIN_CHUNK), None)
    return document, binary


def _parse_json(raw: bytes, field_name: str) -> pygltflib.GLTF2:
    try:
        parsed = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise invalid(field_name, "glTF 的 JSON 无法解析", "the glTF JSON cannot be parsed") from exc
    if not isinstance(parsed, dict):
        raise invalid(field_name, "glTF 的 JSON 不是对象", "the glTF JSON is not an object")
    asset = parsed.get("asset")
    version = str(asset.get("version", "")) if isinstance(asset, dict) else ""
    if not version.startswith("2."):
        raise invalid(field_name, f"仅支持 glTF 2.0（文件为 {version or '未标明版本，即 glTF 1.0'}）",
                      f"only glTF 2.0 is supported (the file says {version or 'no version: glTF 1.0'})")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return pygltflib.GLTF2.from_dict(parsed)
    except Exception as exc:  # pygltflib raises whatever dataclasses-json raised on a bad shape
        raise invalid(field_name, "glTF 结构无效", f"the glTF structure is not valid ({type(exc).__name__})") from exc


def _data_uri(uri: str, field_name: str, what: str) -> bytes:
    try:
        return base64.b64decode(uri.split(",", 1)[1], validate=True)
    except (IndexError, binascii.Error, ValueError) as exc:
        raise invalid(field_name, f"{what} 的 data: URI 无法解码", f"the data: URI of {what} cannot be decoded") from exc


def _buffers(document: pygltflib.GLTF2, binary: bytes | None, field_name: str) -> list[bytes]:
    found = []
    for index, buffer in enumerate(document.buffers or []):
        uri = buffer.uri
        if uri is None:
            if binary is None or index != 0:
                raise invalid(field_name, f"缓冲区 {index} 缺少数据", f"buffer {index} has no data")
            data = binary
        elif uri.startswith("data:"):
            data = _data_uri(uri, field_name, f"buffer {index}")
        else:
            raise invalid(field_name, f"模型引用了外部文件 {uri[:60]}：请上传 GLB 或内嵌资源的 glTF",
                          f"the model refers to the external file {uri[:60]}: upload GLB, or glTF with embedded resources")
        if len(data) < (buffer.byteLength or 0):
            raise invalid(field_name, f"缓冲区 {index} 数据不完整：声明 {buffer.byteLength} 字节，只有 {len(data)} 字节",
                          f"buffer {index} is incomplete: it declares {buffer.byteLength} bytes but has {len(data)}")
        found.append(data)
    return found


def _view_bytes(document: pygltflib.GLTF2, buffers: list[bytes], view_index: int, field_name: str, what: str) -> bytes:
    views = document.bufferViews or []
    if not 0 <= view_index < len(views) or not 0 <= (views[view_index].buffer or 0) < len(buffers):
        raise invalid(field_name, f"{what} 引用了不存在的 bufferView", f"{what} refers to a missing bufferView")
    view = views[view_index]
    start = view.byteOffset or 0
    data = buffers[view.buffer or 0][start : start + (view.byteLength or 0)]
    if len(data) != (view.byteLength or 0):
        raise invalid(field_name, f"{what} 的数据超出缓冲区（文件不完整）", f"the data of {what} runs past its buffer (the file is incomplete)")
    return data


def _triangles(document: pygltflib.GLTF2) -> int:
    accessors = document.accessors or []
    meshes = document.meshes or []

    def count(accessor_index: int | None) -> int:
        return accessors[accessor_index].count if accessor_index is not None and 0 <= accessor_index < len(accessors) else 0

    def mesh_triangles(mesh: pygltflib.Mesh) -> int:
        total = 0
        for primitive in mesh.primitives or []:
            mode = TRIANGLES if primitive.mode is None else primitive.mode
            vertices = count(primitive.indices) if primitive.indices is not None else count(getattr(primitive.attributes, "POSITION", None))
            total += vertices // 3 if mode == TRIANGLES else max(vertices - 2, 0) if mode in (STRIP, FAN) else 0
        return total

    # Every node that draws a mesh draws all its triangles (a mesh used twice counts twice).
    instances = [node.mesh for node in document.nodes or [] if node.mesh is not None and 0 <= node.mesh < len(meshes)]
    if not instances:
        instances = list(range(len(meshes)))
    return sum(mesh_triangles(meshes[index]) for index in instances)


def _texture_sizes(document: pygltflib.GLTF2, buffers: list[bytes], field_name: str) -> list[tuple[int, int]]:
    sizes = []
    for index, image in enumerate(document.images or []):
        what = f"纹理 {index}" + (f"（{image.name}）" if image.name else "")
        what_en = f"texture {index}" + (f" ({image.name})" if image.name else "")
        if image.bufferView is not None:
            data = _view_bytes(document, buffers, image.bufferView, field_name, what_en)
        elif image.uri and image.uri.startswith("data:"):
            data = _data_uri(image.uri, field_name, what_en)
        else:
            raise invalid(field_name, f"{what} 引用了外部文件：请上传 GLB 或内嵌资源的 glTF",
                          f"{what_en} refers to an external file: upload GLB, or glTF with embedded resources")
        try:
            with Image.open(io.BytesIO(data)) as picture:  # reads the header only, never the pixels
                kind, width, height = picture.format, picture.width, picture.height
        except (UnidentifiedImageError, OSError, ValueError) as exc:
            raise invalid(field_name, f"{what} 不是可识别的图片", f"{what_en} is not a readable image") from exc
        if kind not in TEXTURE_FORMATS:
            raise invalid(field_name, f"{what} 是 {kind} 格式，仅支持 PNG 或 JPEG 纹理", f"{what_en} is {kind}; only PNG or JPEG textures load everywhere")
        if max(width, height) > MAX_TEXTURE_PX:
            raise invalid(
                field_name,
                f"{what} 为 {width}×{height} 像素，超过 {MAX_TEXTURE_PX} 像素上限（微信 xr-frame 与多数手机 GPU 的最大纹理尺寸）",
                f"{what_en} is {width}×{height} px, over the {MAX_TEXTURE_PX} px limit (the largest texture WeChat's xr-frame and most phone GPUs load)",
            )
        sizes.append((width, height))
    return sizes


def check_model(data: bytes, field_name: str, limit_bytes: int) -> ModelFigures:
    """Check a GLB or glTF upload for the AR viewers and measure it (CPU work: run in a thread)."""
    check_size(data, limit_bytes, field_name)
    if data.startswith(GLB_MAGIC):
        document, binary = _glb_document(data, field_name)
        kind = "glb"
    elif data[:1024].lstrip()[:1] == b"{":
        document, binary = _parse_json(data, field_name), None
        kind = "gltf"
    else:
        raise invalid(field_name, "不是 GLB 或 glTF 模型文件", "not a GLB or glTF model")
    unsupported = sorted(set(document.extensionsRequired or []) - SUPPORTED_REQUIRED_EXTENSIONS)
    if unsupported:
        names = "、".join(unsupported)
        raise invalid(field_name, f"模型必需的扩展 {names} 在小程序与 H5 中无法加载（请导出时关闭压缩）",
                      f"the model requires {', '.join(unsupported)}, which the mini-program and H5 viewers cannot load (export without compression)")
    buffers = _buffers(document, binary, field_name)
    if not document.meshes:
        raise invalid(field_name, "模型中没有网格（mesh），无可显示的内容", "the model has no mesh: nothing to show")
    triangles = _triangles(document)
    sizes = _texture_sizes(document, buffers, field_name)
    widest = max(sizes, key=lambda size: (max(size), size[0] * size[1]), default=(0, 0))
    notes = []
    if triangles > MANY_TRIANGLES:
        notes.append({"zh-CN": f"模型有 {triangles} 个三角面，低端手机上可能卡顿（建议 {MANY_TRIANGLES} 以内）",
                      "en": f"the model has {triangles} triangles; low-end phones may stutter (keep it under {MANY_TRIANGLES})"})
    return ModelFigures(kind, len(data), triangles, len(sizes), widest[0], widest[1], notes)


def check_usdz(data: bytes, field_name: str, limit_bytes: int) -> None:
    """A USDZ for iOS Quick Look: a zip whose first file is a USD layer (.usdc or .usda)."""
    check_size(data, limit_bytes, field_name)
    refused = invalid(field_name, "不是 USDZ 文件（应为以 .usdc 或 .usda 开头的 zip 包）",
                      "not a USDZ file (a zip package whose first file is .usdc or .usda)")
    if not data.startswith(b"PK\x03\x04"):
        raise refused
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            broken = archive.testzip()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise refused from exc
    if not names or not names[0].lower().endswith((".usdc", ".usda")) or broken is not None:
        raise refused
