"""PDF marks and AES-256 (R6) encryption in memory (pikepdf); atomic, private, no-clobber writes."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import pikepdf

from interview_app.errors import InterviewAppError

# Our XMP namespace: the document id and fingerprint, readable by `verify`.
XMP_NAMESPACE = "urn:x-interview-app:export:1.0#"
XMP_PREFIX = "iapp"
DOCINFO_ID = "/InterviewAppDocumentId"
DOCINFO_FINGERPRINT = "/InterviewAppFingerprint"
FILE_MODE = 0o600
_NO_LINK = (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.ENOSYS, errno.EINVAL,
            errno.EISDIR)
_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


class ExportError(InterviewAppError):
    """An export could not be written; the message is fixed text, never case content."""

    message = "The document could not be written."

    def __init__(self) -> None:
        super().__init__(self.message)


class ExportExists(ExportError):
    message = "A file with this name already exists; choose another name or allow replacing it."


class ExportDiskFull(ExportError):
    message = "The disk is full: the document was not written, and no partial file was left."


class ExportFolderMissing(ExportError):
    message = "The folder chosen for the document does not exist."


class ExportWriteFailed(ExportError):
    message = "The document could not be written to the chosen place; no partial file was left."


class PasswordRequired(ExportError):
    message = "This document must be protected with a password."


class WeakDocumentPassword(ExportError):
    message = "A document password needs at least 8 characters."


MIN_PASSWORD = 8


@dataclass(frozen=True)
class Marks:
    """What an exported PDF says about itself: its document id and fingerprint."""

    document_id: str
    fingerprint: str


def marks_xmp(marks: Marks) -> bytes:
    """An XMP packet holding the marks alone, for Qt to embed in a PDF left unencrypted."""
    document_id, print_id = (escape(marks.document_id), escape(marks.fingerprint))
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        f'  <rdf:Description rdf:about="" xmlns:{XMP_PREFIX}="{XMP_NAMESPACE}">\n'
        f"   <{XMP_PREFIX}:DocumentId>{document_id}</{XMP_PREFIX}:DocumentId>\n"
        f"   <{XMP_PREFIX}:Fingerprint>{print_id}</{XMP_PREFIX}:Fingerprint>\n"
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    ).encode()


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def protect_pdf(pdf: bytes, marks: Marks, password: str | None = None) -> bytes:
    """Add the marks (XMP and document info) and, with a password, encrypt: AES-256, R6.

    Everything happens in memory. The XMP metadata stays unencrypted (it holds the id and the
    fingerprint only, both printed on every page anyway) so `verify` can name the document
    without its password; the title and every page are encrypted.
    """
    if password is not None and len(password) < MIN_PASSWORD:
        raise WeakDocumentPassword
    with pikepdf.open(io.BytesIO(pdf)) as document:
        if "/Metadata" in document.Root:
            del document.Root.Metadata  # Qt's XMP repeats the title in the clear
        pikepdf.models.metadata.PdfMetadata.register_xml_namespace(XMP_NAMESPACE, XMP_PREFIX)
        with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta[f"{{{XMP_NAMESPACE}}}DocumentId"] = marks.document_id
            meta[f"{{{XMP_NAMESPACE}}}Fingerprint"] = marks.fingerprint
        document.docinfo[DOCINFO_ID] = marks.document_id
        document.docinfo[DOCINFO_FINGERPRINT] = marks.fingerprint
        encryption: pikepdf.Encryption | bool = False
        if password is not None:
            encryption = pikepdf.Encryption(
                user=password,
                owner=secrets.token_urlsafe(32),  # nobody holds it: no one lifts restrictions
                R=6,
                aes=True,
                metadata=False,
                allow=pikepdf.Permissions(modify_other=False, modify_assembly=False,
                                          modify_form=False, modify_annotation=False),
            )
        out = io.BytesIO()
        document.save(out, encryption=encryption, compress_streams=True)
    return out.getvalue()


# The packet as pikepdf writes it: an element, or an attribute of rdf:Description.
_XMP_ID = re.compile(rb'DocumentId(?:[^>]*>\s*|=")([A-Z0-9-]{6,40})')
_XMP_FINGERPRINT = re.compile(rb'Fingerprint(?:[^>]*>\s*|=")([0-9a-f]{64})')


def read_marks(data: bytes, password: str | None = None) -> Marks | None:
    """The id and fingerprint a PDF carries, or None when it carries none we can read.

    Tries pikepdf (with the password when given); an encrypted file opened without its
    password is read from its unencrypted XMP packet instead.
    """
    try:
        with pikepdf.open(io.BytesIO(data), password=password or "") as document:
            info = document.docinfo
            if DOCINFO_ID in info and DOCINFO_FINGERPRINT in info:
                return Marks(str(info[DOCINFO_ID]), str(info[DOCINFO_FINGERPRINT]))
    except pikepdf.PasswordError:
        pass
    except pikepdf.PdfError:
        return None
    return _scan_xmp(data)


def _scan_xmp(data: bytes) -> Marks | None:
    start = data.find(XMP_NAMESPACE.encode())
    if start < 0:
        return None
    window = data[max(0, start - 4096) : start + 8192]
    found_id, found_fp = _XMP_ID.search(window), _XMP_FINGERPRINT.search(window)
    if found_id is None or found_fp is None:
        return None
    return Marks(found_id.group(1).decode("ascii"), found_fp.group(1).decode("ascii"))


def is_encrypted(data: bytes) -> bool:
    try:
        with pikepdf.open(io.BytesIO(data)) as document:
            return bool(document.is_encrypted)
    except pikepdf.PasswordError:
        return True


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.fsync(fd)


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _raise_for(error: OSError) -> None:
    if error.errno in _FULL:
        raise ExportDiskFull from error
    raise ExportWriteFailed from error


def write_export(path: Path | str, data: bytes, *, overwrite: bool = False) -> None:
    """Write ``data`` to ``path`` whole or not at all, mode 0600, never replacing a file
    unless ``overwrite``.

    Where the filesystem allows it (Linux, O_TMPFILE), the bytes go into an unnamed file in
    the target directory, which is fsynced and then linked under its name: no temporary name
    ever shows, linking refuses an existing name atomically, and a full disk leaves nothing
    at all. Elsewhere (e.g. a FAT USB stick) a hidden temporary file in the same directory is
    written, fsynced and renamed into place, and removed on any failure.
    """
    target = Path(path)
    directory = target.parent
    if not directory.is_dir():
        raise ExportFolderMissing
    if not overwrite and target.exists():
        raise ExportExists
    try:
        fd = os.open(directory, os.O_TMPFILE | os.O_WRONLY, FILE_MODE)
    except (OSError, AttributeError):
        _write_named(target, data, overwrite=overwrite)
        return
    try:
        try:
            _write_all(fd, data)
        except OSError as error:
            _raise_for(error)  # the unnamed file disappears with its descriptor
        _link_into_place(fd, target, overwrite=overwrite)
    finally:
        os.close(fd)
    with contextlib.suppress(OSError):
        _fsync_dir(directory)


def _link_into_place(fd: int, target: Path, *, overwrite: bool) -> None:
    # linkat(AT_SYMLINK_FOLLOW) through /proc gives the unnamed file a name; os.link only
    # calls linkat (rather than link, which would link the /proc symlink itself) when given
    # a directory descriptor.
    source = f"/proc/self/fd/{fd}"
    directory = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        if not overwrite:
            try:
                os.link(source, target.name, dst_dir_fd=directory, follow_symlinks=True)
            except FileExistsError as error:
                raise ExportExists from error
            except OSError as error:
                _raise_for(error)
            return
        temp = f".{target.name}.{secrets.token_hex(6)}.tmp"
        try:
            os.link(source, temp, dst_dir_fd=directory, follow_symlinks=True)
            os.replace(temp, target.name, src_dir_fd=directory, dst_dir_fd=directory)
        except OSError as error:
            with contextlib.suppress(OSError):
                os.unlink(temp, dir_fd=directory)
            _raise_for(error)
    finally:
        os.close(directory)


def _write_named(target: Path, data: bytes, *, overwrite: bool) -> None:
    temp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)
        if overwrite:
            os.replace(temp, target)
        else:
            try:
                os.link(temp, target)  # refuses an existing name atomically
            except FileExistsError as error:
                raise ExportExists from error
            except OSError as error:
                if error.errno not in _NO_LINK:
                    raise
                if target.exists():  # no hard links here (FAT): check, then rename
                    raise ExportExists from error
                os.replace(temp, target)
    except OSError as error:
        _raise_for(error)
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    with contextlib.suppress(OSError):
        _fsync_dir(target.parent)
