"""Checks over the whole site after render: links (the link check), linksite (nav, orphans, one-way
related, theme links), health (the 内容体检
page). They import no kind."""
