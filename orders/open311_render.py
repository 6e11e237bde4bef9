"""Open311 GeoReport v2 responses: the same data as JSON or as the spec's XML."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from flask import Response, jsonify, request

PREFIX = "/open311/v2/"
FORMATS = ("json", "xml")
# A list under one of these keys holds elements named like this (the spec's XML).
ITEM_TAGS = {"services": "service", "service_requests": "request", "errors": "error",
             "endpoints": "endpoint", "formats": "format", "attributes": "attribute",
             "values": "value"}
# Characters XML 1.0 cannot carry at all, even escaped (NUL, most C0 controls, lone
# surrogates): ElementTree would write them raw and no client could parse the document.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def wants_xml() -> bool:
    """The format follows the path's suffix, as the spec says: .xml, else JSON."""
    return request.path.endswith(".xml")


def respond(data, root: str, status: int = 200) -> Response:
    """Data (a list of items under `root`, or one object named `root`) in the asked format."""
    if not wants_xml():
        response = jsonify(data)
        response.status_code = status
        return response
    return Response(to_xml(data, root), status=status, mimetype="text/xml")


def to_xml(data, root: str) -> bytes:
    """Build the document with ElementTree, which escapes every text and attribute."""
    element = ET.Element(root)
    _fill(element, root, data)
    return ET.tostring(element, encoding="utf-8", xml_declaration=True)


def _fill(element: ET.Element, tag: str, value) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            _fill(ET.SubElement(element, key), key, child)
    elif isinstance(value, (list, tuple)):
        item = ITEM_TAGS.get(tag, "item")
        for child in value:
            _fill(ET.SubElement(element, item), item, child)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = NOT_XML.sub("\ufffd", str(value))


def error_response(status: int, description: str, headers: dict | None = None) -> Response:
    """The spec's error array: [{"code": 404, "description": "…"}], or <errors><error>."""
    response = respond([{"code": status, "description": description}], "errors", status)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def under_prefix() -> bool:
    """Whether this request's path is the API's (so its errors are the spec's)."""
    return request.path.startswith(PREFIX) or request.path == PREFIX.rstrip("/")
