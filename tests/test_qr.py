"""The QR code carries exactly the address of the current view; the public base URL is configurable."""

import xml.etree.ElementTree as ElementTree

from atlas import qr


def test_public_base_url_prefers_the_configured_one():
    assert qr.public_base_url({"ATLAS_PUBLIC_URL": "https://atlas.example.org/"}, "http://127.0.0.1:8501/map") == (
        "https://atlas.example.org")
    assert qr.public_base_url({}, "http://192.168.1.20:8501/map?x=1") == "http://192.168.1.20:8501"
    assert qr.public_base_url({"ATLAS_PUBLIC_URL": "  "}, None) == "http://localhost:8501"


def test_view_url_keeps_every_parameter_and_the_base_path():
    url = qr.view_url("https://example.org/atlas", "map", {"tour": "triangles", "step": "3", "q": "Київ",
                                                             "mode": "present"})
    assert url == "https://example.org/atlas/map?mode=present&q=%D0%9A%D0%B8%D1%97%D0%B2&step=3&tour=triangles"
    assert qr.view_url("http://h:1", "", {}) == "http://h:1/"


def test_local_addresses_are_recognised():
    assert qr.is_local("http://localhost:8501/map") and qr.is_local("http://127.0.0.1:8501/")
    assert not qr.is_local("https://atlas.example.org/map")


def test_qr_encodes_the_address_and_renders_as_svg_and_png():
    url = "https://atlas.example.org/map?lang=uk&pair=DE-UA"
    code = qr._code(url)
    assert code.data_list[0].data == url.encode()
    svg = ElementTree.fromstring(qr.qr_svg(url))
    assert svg.tag.endswith("svg") and svg.find(".//{http://www.w3.org/2000/svg}path") is not None
    assert qr.qr_png(url).startswith(b"\x89PNG\r\n\x1a\n")
