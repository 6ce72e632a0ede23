"""A small, valid sample model made on the spot: a textured cube as GLB (about 2 KB), and a
poster picture of it. The demo shop shows it, the tests and end-to-end builds load it: nothing
is fetched from the internet."""

from __future__ import annotations

import io
import os
import struct

import pygltflib
from PIL import Image, ImageDraw

# 24 vertices (4 per face, so each face has its own normal and UVs), 12 triangles.
_FACES = (
    ((1, 0, 0), ((1, -1, -1), (1, 1, -1), (1, 1, 1), (1, -1, 1))),
    ((-1, 0, 0), ((-1, -1, 1), (-1, 1, 1), (-1, 1, -1), (-1, -1, -1))),
    ((0, 1, 0), ((-1, 1, -1), (-1, 1, 1), (1, 1, 1), (1, 1, -1))),
    ((0, -1, 0), ((-1, -1, 1), (-1, -1, -1), (1, -1, -1), (1, -1, 1))),
    ((0, 0, 1), ((-1, -1, 1), (1, -1, 1), (1, 1, 1), (-1, 1, 1))),
    ((0, 0, -1), ((1, -1, -1), (-1, -1, -1), (-1, 1, -1), (1, 1, -1))),
)


def texture_png(width: int = 64, height: int = 64, color: tuple[int, int, int] = (226, 92, 64), fmt: str = "PNG") -> bytes:
    image = Image.new("RGB", (width, height), color)
    draw = ImageDraw.Draw(image)
    step = max(min(width, height) // 4, 1)
    for x in range(0, width, step * 2):
        draw.rectangle((x, 0, x + step - 1, height), fill=(250, 220, 120))
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


def noise_png(width: int, height: int) -> bytes:
    """A PNG of random pixels: it does not compress, so its size is about width × height × 3."""
    image = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def cube_glb(size_m: float = 0.2, texture: bytes | None = None, *, name: str = "kaidian-cube") -> bytes:
    """A cube ``size_m`` metres wide with ``texture`` (a PNG; a 64×64 one when None) as GLB 2.0."""
    texture = texture_png() if texture is None else texture
    half = size_m / 2
    positions, normals, uvs, indices = [], [], [], []
    for face, (normal, corners) in enumerate(_FACES):
        for corner, uv in zip(corners, ((0, 1), (1, 1), (1, 0), (0, 0))):
            positions.append(tuple(c * half for c in corner))
            normals.append(normal)
            uvs.append(uv)
        base = face * 4
        indices += [base, base + 1, base + 2, base, base + 2, base + 3]
    blob = b"".join(struct.pack("<3f", *p) for p in positions)
    normal_offset = len(blob)
    blob += b"".join(struct.pack("<3f", *n) for n in normals)
    uv_offset = len(blob)
    blob += b"".join(struct.pack("<2f", *uv) for uv in uvs)
    index_offset = len(blob)
    blob += b"".join(struct.pack("<H", i) for i in indices)
    blob += b"\x00" * (-len(blob) % 4)
    image_offset = len(blob)
    blob += texture + b"\x00" * (-len(texture) % 4)
    vertex_count = len(positions)
    gltf = pygltflib.GLTF2(
        asset=pygltflib.Asset(version="2.0", generator="kaidian ar_preview sample"),
        scene=0,
        scenes=[pygltflib.Scene(nodes=[0])],
        nodes=[pygltflib.Node(mesh=0, name=name)],
        meshes=[pygltflib.Mesh(name=name, primitives=[pygltflib.Primitive(
            attributes=pygltflib.Attributes(POSITION=0, NORMAL=1, TEXCOORD_0=2), indices=3, material=0)])],
        materials=[pygltflib.Material(pbrMetallicRoughness=pygltflib.PbrMetallicRoughness(
            baseColorTexture=pygltflib.TextureInfo(index=0), metallicFactor=0.0, roughnessFactor=0.8))],
        textures=[pygltflib.Texture(source=0, sampler=0)],
        samplers=[pygltflib.Sampler()],
        images=[pygltflib.Image(bufferView=4, mimeType="image/png")],
        accessors=[
            pygltflib.Accessor(bufferView=0, componentType=pygltflib.FLOAT, count=vertex_count, type=pygltflib.VEC3,
                               min=[-half] * 3, max=[half] * 3),
            pygltflib.Accessor(bufferView=1, componentType=pygltflib.FLOAT, count=vertex_count, type=pygltflib.VEC3),
            pygltflib.Accessor(bufferView=2, componentType=pygltflib.FLOAT, count=vertex_count, type=pygltflib.VEC2),
            pygltflib.Accessor(bufferView=3, componentType=pygltflib.UNSIGNED_SHORT, count=len(indices), type=pygltflib.SCALAR),
        ],
        bufferViews=[
            pygltflib.BufferView(buffer=0, byteOffset=0, byteLength=normal_offset, target=pygltflib.ARRAY_BUFFER),
            pygltflib.BufferView(buffer=0, byteOffset=normal_offset, byteLength=uv_offset - normal_offset, target=pygltflib.ARRAY_BUFFER),
            pygltflib.BufferView(buffer=0, byteOffset=uv_offset, byteLength=index_offset - uv_offset, target=pygltflib.ARRAY_BUFFER),
            pygltflib.BufferView(buffer=0, byteOffset=index_offset, byteLength=len(indices) * 2, target=pygltflib.ELEMENT_ARRAY_BUFFER),
            pygltflib.BufferView(buffer=0, byteOffset=image_offset, byteLength=len(texture)),
        ],
        buffers=[pygltflib.Buffer(byteLength=len(blob))],
    )
    gltf.set_binary_blob(blob)
    return b"".join(gltf.save_to_bytes())


def poster_png(width: int = 480, height: int = 480) -> bytes:
    """A drawn picture of the cube, for the model's required poster."""
    image = Image.new("RGB", (width, height), (246, 243, 238))
    draw = ImageDraw.Draw(image)
    w, h = width, height
    front = [(w * 0.3, h * 0.4), (w * 0.62, h * 0.4), (w * 0.62, h * 0.72), (w * 0.3, h * 0.72)]
    top = [(w * 0.3, h * 0.4), (w * 0.42, h * 0.28), (w * 0.74, h * 0.28), (w * 0.62, h * 0.4)]
    side = [(w * 0.62, h * 0.4), (w * 0.74, h * 0.28), (w * 0.74, h * 0.6), (w * 0.62, h * 0.72)]
    draw.polygon(front, fill=(226, 92, 64))
    draw.polygon(top, fill=(250, 220, 120))
    draw.polygon(side, fill=(180, 70, 50))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
