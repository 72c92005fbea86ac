"""Schemathesis against the app's own OpenAPI schema, in process, as a co-chair and a delegate.

Every operation, valid and invalid data (positive and negative generation), every response
check schemathesis has: no server error, status codes, content types, headers and bodies as the
schema declares them, invalid data refused, valid data not refused for its shape. Bounded:
CONSENSO_FUZZ_EXAMPLES cases per operation and mode (default 8) keep it to seconds per role;
set it higher for a deeper run.
"""

from __future__ import annotations

import os
from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig

from tests.conftest import token_for

EXAMPLES = int(os.environ.get("CONSENSO_FUZZ_EXAMPLES", "8"))
# Schema-valid data the API still refuses by a rule a schema cannot say (a control character
# or bidi override in a text, a title only of spaces, a text the same as its base) is a 422:
# positive_data_acceptance accepts that besides its defaults.
CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "3xx", "401", "403", "404", "409", "422", "429"]
            }
        }
    }
)


def _run(operation, mode, headers, failures, statuses) -> int:
    ran = 0

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def one(case):
        nonlocal ran
        ran += 1
        case_headers = dict(headers)
        if operation.path == "/api/auth/logout":
            case_headers["Authorization"] = "Bearer not-a-session"  # keep the role signed in
        response = case.call_and_validate(headers=case_headers)
        statuses[response.status_code // 100] += 1

    try:
        one()
    except (KeyboardInterrupt, SystemExit):
        raise
    except Unsatisfiable:
        pass  # nothing to make invalid: an operation without parameters has no negative cases
    except BaseException as exc:  # every operation's failures are collected, then reported
        failures.append(f"{operation.method.upper()} {operation.path} [{mode.value}]: {exc}"[:3000])
    return ran


# Each role's operations in a few parts, every operation in exactly one: parallel workers share
# the run (one part per test) instead of one worker taking a whole role's minutes.
PARTS = 4


@pytest.mark.parametrize("part", range(PARTS), ids=lambda n: f"part{n + 1}")
@pytest.mark.parametrize("username", ["chair.rcm", "mex"])
def test_the_api_keeps_its_schema_under_generated_requests(shared_api, username, part):
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", shared_api.app, config=CONFIG)
    headers = {"Authorization": f"Bearer {token_for(username)}"}
    failures: list[str] = []
    statuses: Counter[int] = Counter()
    ran = 0
    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations[part::PARTS]:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            ran += _run(operation, mode, headers, failures, statuses)
    answers = ", ".join(f"{n} {k}xx" for k, n in sorted(statuses.items()))
    print(f"schemathesis: {ran} cases as {username} ({answers}); {len(failures)} failing")
    assert not failures, "\n\n".join(failures)
