"""F06-S11: files sent to object storage."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import state
from twelve.facts import AppFacts
from twelve.rules.registry import FOR, MODERATE, Hit, hit, rule


@rule("F06-S11", factor=6, polarity=FOR, strength=MODERATE)
def object_storage(facts: AppFacts) -> Iterator[Hit]:
    """Files go to object storage instead of the process's disk.

    Why it matters: VI. Processes — object storage is a backing service every process reaches, so
    files survive restarts and scaling out.
    Fires on: an S3, GCS or Azure Blob client (`boto3.client("s3")`, `@aws-sdk/client-s3`), Django
    `DEFAULT_FILE_STORAGE`/`STORAGES` naming an object-storage backend.
    Near miss: an AWS client of another service (SQS, SES); `FileSystemStorage`.
    Fix: nothing to change.
    """
    for fact in state.object_storage_clients(facts):
        yield hit(fact, api=fact.data.api)
    for fact in state.storage_settings(facts):
        if fact.data.value is not None and fact.data.value.literal:
            yield hit(fact, api=f"{fact.data.path} = {state.literal(fact)}")
