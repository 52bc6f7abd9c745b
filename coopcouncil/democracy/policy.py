"""Local democracy policy settings: each is a published council rule.

Override any of them as ``COOPCOUNCIL_<NAME>`` in the Django settings or the environment
(e.g. ``COOPCOUNCIL_CALL_IN_THRESHOLD=150``); the defaults are the partnership's current rules.
"""

from coopcouncil.core.policy import RateLimit, policy_int, policy_str, rate_limit_policy


def _setting(name: str, default: int) -> int:
    return policy_int(f"COOPCOUNCIL_{name}", default)


def question_cutoff_minutes() -> int:
    """Questions close this long before a meeting starts (was 2 clear days)."""
    return _setting("QUESTION_CUTOFF_MINUTES", 120)


def call_in_window_working_days() -> int:
    """Residents may call a decision in for this many working days after publication."""
    return _setting("CALL_IN_WINDOW_WORKING_DAYS", 10)


def call_in_threshold() -> int:
    """Valid signatures from distinct verified residents needed to suspend a decision."""
    return _setting("CALL_IN_THRESHOLD", 100)


def llp_minimum_percent() -> int:
    """Share of a programme year's modules a councillor must attend to vote on budgets."""
    return _setting("LLP_MINIMUM_PERCENT", 50)


def feedback_minimum_responses() -> int:
    """360-degree feedback is shown only from this many responses."""
    return _setting("FEEDBACK_MINIMUM_RESPONSES", 5)


def papers_days_before() -> int:
    """Papers are on time if published this many clear working days before the meeting.

    The access-to-information rule (Local Government Act 1972, s.100B): five clear days,
    leaving out the day of publication, the day of the meeting, weekends and bank holidays.
    """
    return _setting("PAPERS_DAYS_BEFORE", 5)


def paper_max_bytes() -> int:
    """The largest file accepted as a meeting paper (20 MB): a bigger pack is split."""
    return _setting("PAPER_MAX_BYTES", 20 * 1024 * 1024)


def minutes_days_after() -> int:
    """Minutes are on time if published within this many days of the meeting."""
    return _setting("MINUTES_DAYS_AFTER", 10)


def call_in_signature_rate_limit() -> RateLimit:
    """Signatures an account, and an address, may attempt per hour.

    An account signs each call-in once, so 20 an hour only slows a script; an address is
    shared by a household, a library or a council office's signing event, so it gets more.
    The signing lane counts against the same limit.
    """
    return rate_limit_policy(
        "call_in_signature", per_account=20, per_address=200, window_minutes=60
    )


def question_rate_limit() -> RateLimit:
    """Public questions an account, and an address, may submit per hour."""
    return rate_limit_policy("question", per_account=5, per_address=30, window_minutes=60)


def suspicious_same_address_signatures() -> int:
    """Signatures from one residency address (postcode and address, or UPRN) that the
    officer's review lists as a batch; a household of adults may all sign, so above 1."""
    return _setting("SUSPICIOUS_SAME_ADDRESS_SIGNATURES", 4)


def suspicious_same_minute_signatures() -> int:
    """Signatures in one clock minute that the officer's review lists as a batch."""
    return _setting("SUSPICIOUS_SAME_MINUTE_SIGNATURES", 20)


# Throwaway-address services often used to make accounts in bulk; a council adds its own.
_DISPOSABLE_DOMAINS = (
    "mailinator.com,guerrillamail.com,sharklasers.com,10minutemail.com,temp-mail.org,"
    "yopmail.com,trashmail.com,getnada.com,dispostable.com,maildrop.cc,throwawaymail.com"
)


def disposable_email_domains() -> frozenset[str]:
    """Email domains whose signatures the officer's review lists as a batch, comma-separated
    (``COOPCOUNCIL_DISPOSABLE_EMAIL_DOMAINS``)."""
    listed = policy_str("COOPCOUNCIL_DISPOSABLE_EMAIL_DOMAINS", _DISPOSABLE_DOMAINS)
    return frozenset(d.strip().lower() for d in listed.split(",") if d.strip())
