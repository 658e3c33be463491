"""A signature is stored as Pillow re-encodes it: an upload with HTML appended is not kept as
sent (issue 17)."""

from contratos.models import ContractSigner

from .factories import sign, signature_png

APPENDED = b"<html><script>alert('firma')</script></html>"


def test_a_signature_with_html_appended_is_stored_without_it(draft, professional, monkeypatch):
    # given: the drawn signature of every signer arrives with HTML after the PNG's end
    monkeypatch.setattr(
        "tests.contratos.factories.signature_png",
        lambda seed=1, **kw: signature_png(seed, **kw) + APPENDED,
    )
    # when
    contract = sign(draft, professional)
    # then
    for signer in ContractSigner.objects.filter(contract=contract):
        stored = signer.signature_bytes()
        assert stored.startswith(b"\x89PNG\r\n\x1a\n")
        assert b"<html>" not in stored
        assert stored.endswith(b"IEND\xaeB`\x82")
    assert contract.hash_matches()
