"""Show e-mail addresses as `name [at] domain` so no plain address reaches the HTML."""


def obfuscate_email(address: str) -> str:
    """`antonio@example.org` -> `antonio [at] example [dot] org`; empty stays empty."""
    if not address:
        return ""
    local, _, domain = address.strip().partition("@")
    if not domain:
        return local
    return f"{local} [at] {domain.replace('.', ' [dot] ')}"
