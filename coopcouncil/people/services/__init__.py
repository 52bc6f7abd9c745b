"""Writes for people: accounts, residency verification and roles.

Each job has its module; the names here are the ones other code imports, so callers
write ``from coopcouncil.people.services import role_assign`` whichever module holds it.
"""

from coopcouncil.people.services.accounts import (
    user_date_of_birth_set,
    user_erase,
    user_export,
    user_send_verification_email,
    user_sign_up,
    user_verification_link,
    user_verify_email,
)
from coopcouncil.people.services.api_keys import (
    api_key_authenticate,
    api_key_create,
    api_key_revoke,
)
from coopcouncil.people.services.interests import interest_declare
from coopcouncil.people.services.register import (
    register_claim_refuse,
    register_claim_verify,
    register_import,
    register_import_file,
    residency_match_register,
)
from coopcouncil.people.services.residency import (
    MAX_CODE_ATTEMPTS,
    residency_claim,
    residency_confirm_code,
    residency_letters_issue,
    residency_verify_in_person,
    residency_ward_decide,
)
from coopcouncil.people.services.roles import role_assign, role_end

__all__ = [
    "MAX_CODE_ATTEMPTS",
    "api_key_authenticate",
    "api_key_create",
    "api_key_revoke",
    "interest_declare",
    "register_claim_refuse",
    "register_claim_verify",
    "register_import",
    "register_import_file",
    "residency_claim",
    "residency_confirm_code",
    "residency_letters_issue",
    "residency_match_register",
    "residency_verify_in_person",
    "residency_ward_decide",
    "role_assign",
    "role_end",
    "user_date_of_birth_set",
    "user_erase",
    "user_export",
    "user_send_verification_email",
    "user_sign_up",
    "user_verification_link",
    "user_verify_email",
]
