"""E-mail and web addresses as people type, say and mangle them (pii/web_addresses.py)."""

from __future__ import annotations

import pytest

from tipline.export.pii.redaction import find_identifying
from tipline.export.pii.web_addresses import emails, urls


def texts(findings):
    return [f.text for f in findings]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("juan punto perez arroba gmail punto com", "juan punto perez arroba gmail punto com"),
        ("email: rosa [at] yahoo [dot] com, thanks", "rosa [at] yahoo [dot] com"),
        ("correo ROSA(ARROBA)GMAIL(PUNTO)COM", "ROSA(ARROBA)GMAIL(PUNTO)COM"),
        ("x{at}riseup{dot}net", "x{at}riseup{dot}net"),
        ("write to juan.perez @ gmail . com today", "juan.perez @ gmail . com"),
        ("ana @ correo . ejemplo . es", "ana @ correo . ejemplo . es"),
        ("mail juan.perez@gmail.\ncom", "juan.perez@gmail.\ncom"),
        ("juan.perez\n@gmail.com is his", "juan.perez\n@gmail.com"),
        ("JUAN.PEREZ@GMAIL.COM.", "JUAN.PEREZ@GMAIL.COM"),
        ("mailto:ana.ruiz@proton.me", "ana.ruiz@proton.me"),
        ("From: Ana Ruiz <ana.ruiz@correo.org.mx>", "ana.ruiz@correo.org.mx"),
        ("my email is juan at gmail", "juan at gmail"),
        ("correo: lupita arroba gmail", "lupita arroba gmail"),
        ("su correo es josé.núñez@gmail.com", "josé.núñez@gmail.com"),
        ("correo maria.lopez@hotmail.cóm gracias", "maria.lopez@hotmail.cóm"),
        ("ana@gmail,com", "ana@gmail,com"),
        ("carlos at gmail dot com dot mx", "carlos at gmail dot com dot mx"),
        (
            "juan guion bajo perez arroba outlook punto com punto mx",
            "juan guion bajo perez arroba outlook punto com punto mx",
        ),
        ("pedro_88 at hotmail.com", "pedro_88 at hotmail.com"),
        ("email: juan . perez @ gmail . com", "juan . perez @ gmail . com"),
        ("juan(a)gmail.com", "juan(a)gmail.com"),
        ("correo: juan perez @gmail.com", "juan perez @gmail.com"),
        ("mi correo es 55 arroba gmail punto com", "55 arroba gmail punto com"),
        ("escribe a juan.pe-\nrez@gmail.com ya", "juan.pe-\nrez@gmail.com"),
    ],
)
def test_emails_in_every_shape(text, expected):
    assert texts(emails(text)) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "He works at Yahoo now",
        "she stayed at home. Es tarde",
        "I was at the jail. Com",
        "el punto es que no",
        "Meet at ICE. Org chart",
        "IG es @lupita_serrano.pa",
        "ratio 3 @ 5.com",
    ],
)
def test_not_emails(text):
    assert emails(text) == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("see (https://www.example.org/a_b).", "https://www.example.org/a_b"),
        ("[https://x.com/maria]", "https://x.com/maria"),
        ("WWW.X.ORG/y", "WWW.X.ORG/y"),
        ("bit.ly/3abcD", "bit.ly/3abcD"),
        ("wa.me/5215512345678", "wa.me/5215512345678"),
        ("t.me/juanito88", "t.me/juanito88"),
        ("linktr.ee/maria", "linktr.ee/maria"),
        ("instagram.com/maria_l?igsh=MzRlODBi", "instagram.com/maria_l?igsh=MzRlODBi"),
        ("smith.biz/about", "smith.biz/about"),
        ("elpais.es/noticias/x", "elpais.es/noticias/x"),
        ("https://www.facebook.com/\nmaria.lopez.5", "https://www.facebook.com/\nmaria.lopez.5"),
        ("https://gofundme.com/f/bring-\nhim-home now", "https://gofundme.com/f/bring-\nhim-home"),
        ("http: //example.com/x", "http: //example.com/x"),
        ("hxxps://evil.net/a", "hxxps://evil.net/a"),
        ("my website is garcia-smith.biz.", "garcia-smith.biz"),
        ("visita nuestra página: lopez.com.mx", "lopez.com.mx"),
        (
            "facebook punto com barra maria punto lopez",
            "facebook punto com barra maria punto lopez",
        ),
        ("www punto iglesia punto org", "www punto iglesia punto org"),
        ("juanperez dot com", "juanperez dot com"),
        ("check kim-ortiz.biz for the flyer", "kim-ortiz.biz"),
        ("IT IS ON GARCIA-FAMILY.COM FOR ALL", "GARCIA-FAMILY.COM"),
    ],
)
def test_urls_in_every_shape(text, expected):
    assert texts(urls(text)) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "go to uscis.gov for forms",
        "visit ICE.gov",
        "see ice.gov/detain/locator",
        "she posted it on facebook.com",
        "ya.Es tarde, LLEGÓ A CASA.ES",
        "the dot com bubble",
        "Pa.C.S. 5104",
        "3.5",
    ],
)
def test_institutions_and_words_are_no_urls(text):
    assert urls(text) == []


def test_an_address_is_one_finding_of_its_kind():
    found = find_identifying("Forwarded\nFrom: <juan.perez @ gmail . com>\nsee t.me/juanito88")
    assert [(f.category, f.text) for f in found] == [
        ("email", "juan.perez @ gmail . com"),
        ("url", "t.me/juanito88"),
    ]
