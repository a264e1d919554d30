"""Photos: checked to be images, resized to a long side of at most 2,000 px, stored
content-addressed (sha256 of the stored bytes) with a thumbnail beside them.

Layout in the data dir: ``attachments/ab/abcdef….jpg`` and ``attachments/thumbs/ab/abcdef….jpg``.
"""

import hashlib
import io
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from hazard_ledger.domain.errors import ValidationError

MAX_SIDE = 2000
THUMB_SIDE = 256
MAX_FILE_BYTES = 40 * 1024 * 1024
MAX_PIXELS = 80_000_000
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "BMP", "GIF", "TIFF", "MPO"}
_EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png"}


@dataclass(frozen=True, slots=True)
class PreparedPhoto:
    """A photo decoded, normalised and encoded, ready to store."""

    original_name: str
    data: bytes
    thumbnail: bytes
    media_type: str
    width: int
    height: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def prepare_photo(path: str | os.PathLike[str]) -> PreparedPhoto:
    """Read and check one photo file; ValidationError (in Chinese) for anything not an image."""
    source = Path(path)
    name = source.name
    if not source.is_file():
        raise ValidationError(f"找不到照片文件“{source}”。", field="photo")
    if source.stat().st_size > MAX_FILE_BYTES:
        raise ValidationError(f"照片“{name}”超过 40 MB，请压缩后再添加。", field="photo")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source) as probe:
                kind = probe.format
                probe.verify()
            with Image.open(source) as opened:
                if opened.width * opened.height > MAX_PIXELS:
                    raise ValidationError(f"照片“{name}”像素过多，无法处理。", field="photo")
                image = ImageOps.exif_transpose(opened)
                image.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            f"“{name}”不是可识别的图片（支持 JPG、PNG、WEBP、BMP、GIF、TIFF）。", field="photo"
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(f"图片“{name}”已损坏，无法读取。", field="photo") from None
    if kind not in ACCEPTED_FORMATS:
        raise ValidationError(
            f"“{name}”的格式（{kind}）不受支持，请转为 JPG 或 PNG。", field="photo"
        )
    keep_alpha = image.mode in ("RGBA", "LA") or (
        image.mode == "P" and "transparency" in image.info
    )
    image = image.convert("RGBA" if keep_alpha else "RGB")
    if max(image.size) > MAX_SIDE:
        image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    media_type = "image/png" if keep_alpha else "image/jpeg"
    data = _encode(image, media_type)
    thumb = image.copy()
    thumb.thumbnail((THUMB_SIDE, THUMB_SIDE), Image.Resampling.LANCZOS)
    return PreparedPhoto(
        original_name=name[:255],
        data=data,
        thumbnail=_encode(thumb.convert("RGB"), "image/jpeg"),
        media_type=media_type,
        width=image.width,
        height=image.height,
    )


def _encode(image: Image.Image, media_type: str) -> bytes:
    buffer = io.BytesIO()
    if media_type == "image/png":
        image.save(buffer, "PNG", optimize=True)
    else:
        image.save(buffer, "JPEG", quality=88, optimize=True)
    return buffer.getvalue()


def photo_path(root: Path, sha256: str, media_type: str) -> Path:
    return root / sha256[:2] / f"{sha256}{_EXTENSIONS.get(media_type, '.bin')}"


def thumbnail_path(root: Path, sha256: str) -> Path:
    return root / "thumbs" / sha256[:2] / f"{sha256}.jpg"


def store_photo(root: Path, photo: PreparedPhoto) -> str:
    """Write the photo and its thumbnail (if not already there); return its sha256.

    Files are written to a temporary name and renamed, so a crash never leaves half a photo.
    A photo whose database transaction is later rolled back stays as an unreferenced file.
    """
    sha = photo.sha256
    for target, data in (
        (photo_path(root, sha, photo.media_type), photo.data),
        (thumbnail_path(root, sha), photo.thumbnail),
    ):
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".part")
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(target)
    return sha
