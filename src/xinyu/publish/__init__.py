"""Publishing: the site rules of a build (`site`: base URL, SOURCE_DATE_EPOCH, robots.txt, off-site
URLs, 备案), the build attestation (`attest`), `verify` (``xinyu verify``), the offline `bundle` and the
`export` for other engines."""
