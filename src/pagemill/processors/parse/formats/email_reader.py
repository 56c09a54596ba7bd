"""EML messages: subject as heading, address and date headers as key-values, the body (plain text preferred,
else
HTML), and the attachments listed by name, type and size."""

from __future__ import annotations

from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from pagemill.processors.document import Document
from pagemill.processors.filetype import FileKind
from pagemill.processors.parse.formats.flow import FlowBuilder
from pagemill.processors.parse.formats.html_reader import read_html
from pagemill.processors.parse.formats.text_reader import add_text

_HEADERS = ("From", "To", "Cc", "Date")


def read_email(data: bytes, kind: FileKind) -> Document:
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(message, EmailMessage)
    builder = FlowBuilder(kind)
    subject = str(message.get("Subject", "") or "")
    if subject:
        builder.heading(subject, 1)
    for name in _HEADERS:
        if message.get(name):
            builder.key_value(name, " ".join(str(message[name]).split()))
    body = message.get_body(preferencelist=("plain", "html"))
    if body is not None:
        content = body.get_content()
        if body.get_content_subtype() == "html":
            read_html(content, kind, builder)
        else:
            add_text(builder, content, markdown=False)
    attachments = []
    for part in message.iter_attachments():
        name = part.get_filename() or "unnamed"
        payload = part.get_payload(decode=True) or b""
        attachments.append(name)
        builder.text(f"- {name} ({part.get_content_type()}, {len(payload)} bytes)", list_item=True)
    if attachments:
        builder.heading("Attachments", 2)
        # The heading belongs before the list it titles.
        blocks = builder.page.blocks
        blocks.insert(len(blocks) - len(attachments) - 1, blocks.pop())
    document = builder.finish()
    document.attachments = attachments
    return document
