"""Cluster mode: two Rasa servers, two action servers, PostgreSQL, Redis and
nginx, as `make cluster` runs them."""

from __future__ import annotations

import threading
import time
import uuid
from typing import Any, Dict, List

import pytest
import requests
from playwright.sync_api import expect
from rasa.utils.endpoints import EndpointConfig

from deploy.cluster import Cluster
from heartwise.lock_store import HeartwiseRedisLockStore
from tests.browser.chat import open_chat
from tests.cluster.conftest import Client, stored_turns

# Through the action servers and back: a question, a journal entry, the journal.
SCRIPT = [
    "hi",
    "my boyfriend left me three weeks ago",
    "give me a reflection question",
    "i miss our sunday mornings",
    "show my journal",
]


def tracker_events(cluster: Cluster, server: int, sender: str) -> List[Dict[str, Any]]:
    response = requests.get(
        f"{cluster.rasa_url(server)}/conversations/{sender}/tracker",
        params={"token": cluster.secrets.auth_token},
        timeout=30,
    )
    response.raise_for_status()
    return response.json()["events"]


def test_one_conversation_alternating_between_servers_stays_one_conversation(cluster):
    first = Client(cluster.rasa_url(0))
    second = Client(cluster.rasa_url(1), sender=first.sender)

    first.reply("my boyfriend left me last week")
    # The other server knows what the first one learned.
    assert "7 days" in second.reply("how long should i wait before i contact him")
    first.reply("give me a reflection question")
    second.reply("i miss how we used to cook together on sundays")
    assert "cook together on sundays" in first.reply("show my journal")

    events = tracker_events(cluster, 0, first.sender)
    assert events == tracker_events(cluster, 1, first.sender)
    sent = [m for pair in zip(first.sent, second.sent, strict=False) for m in pair] + first.sent[2:]
    turns = stored_turns(cluster, first.sender)
    assert [message_id for message_id, _ in turns] == sent
    assert all(replies >= 1 for _, replies in turns)


def test_a_server_killed_under_load_loses_and_repeats_nothing(cluster):
    clients = [Client(cluster.url) for _ in range(20)]
    answers: Dict[str, List[int]] = {client.sender: [] for client in clients}
    failures: List[BaseException] = []
    stop = threading.Event()

    def chat(client: Client) -> None:
        try:
            while not stop.is_set():
                for text in SCRIPT:
                    answers[client.sender].append(len(client.say(text)))
        except BaseException as error:  # reported by the test thread
            failures.append(error)

    threads = [threading.Thread(target=chat, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    time.sleep(10)
    cluster.kill_rasa(0)
    cluster.restart_rasa(0)
    time.sleep(5)
    stop.set()
    for thread in threads:
        thread.join(timeout=300)

    assert not failures, failures
    print(
        f"{sum(c.retries for c in clients)} retries, slowest answer {max(c.slowest for c in clients):.1f} s"
    )
    for client in clients:
        # Every message the client sent got exactly one answer, with something in it...
        assert len(answers[client.sender]) == len(client.sent)
        assert all(count >= 1 for count in answers[client.sender])
        # ...and PostgreSQL holds each message once, in order, with the bot's replies.
        turns = stored_turns(cluster, client.sender)
        assert [message_id for message_id, _ in turns] == client.sent
        assert all(replies >= 1 for _, replies in turns)
    # The killed server is back and answering.
    assert Client(cluster.rasa_url(0)).say("hi")


def test_messages_sent_at_once_are_processed_one_at_a_time_in_order(cluster):
    sender = f"burst-{uuid.uuid4().hex[:8]}"
    texts = ["hi", "my ex left me", "i feel lonely", "what should i do", "thanks", "bye"]
    ids = [uuid.uuid4().hex for _ in texts]
    statuses: Dict[str, int] = {}

    def send(index: int) -> None:
        time.sleep(index * 0.1)  # sent in this order, well before the first is done
        response = requests.post(
            f"{cluster.url}/webhooks/rest/webhook",
            json={"sender": sender, "message": texts[index], "message_id": ids[index]},
            timeout=120,
        )
        statuses[ids[index]] = response.status_code if response.json() else 0

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(texts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert all(statuses[message_id] == 200 for message_id in ids), statuses
    # One turn finished before the next began: no interleaving, nothing lost.
    turns = stored_turns(cluster, sender)
    assert [message_id for message_id, _ in turns] == ids
    assert all(replies >= 1 for _, replies in turns)


def test_servers_taking_tickets_at_once_lose_none(cluster):
    def store() -> HeartwiseRedisLockStore:
        return HeartwiseRedisLockStore(
            EndpointConfig(
                url="127.0.0.1",
                port=cluster.ports.redis,
                password=cluster.secrets.redis_password,
                db=0,
                key_prefix="race",
            )
        )

    conversation = f"race-{uuid.uuid4().hex[:8]}"
    issued: List[int] = []

    def take_tickets(server: HeartwiseRedisLockStore) -> None:
        for _ in range(200):
            issued.append(server.issue_ticket(conversation, 60))

    servers = [store(), store()]
    threads = [threading.Thread(target=take_tickets, args=(server,)) for server in servers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    lock = servers[0].get_lock(conversation)
    assert lock is not None
    assert len(set(issued)) == 400
    assert sorted(ticket.number for ticket in lock.tickets) == sorted(issued)
    for number in issued:
        servers[number % 2].cleanup(conversation, number)
    assert servers[0].get_lock(conversation) is None


def test_deleting_my_data_removes_it_from_postgresql(cluster):
    client = Client(cluster.url)
    secret = "the night we broke up he said i was too much"
    client.reply("give me a reflection question")
    client.reply(secret)
    assert "permanently delete" in client.reply("delete my data")
    assert "deleted" in client.reply("yes")

    with cluster.database() as db, db.cursor() as cursor:
        cursor.execute("SELECT data FROM events WHERE sender_id = %s", (client.sender,))
        stored = [row[0] for row in cursor.fetchall()]
    assert stored, "the deletion itself is recorded"
    assert not any(secret in data or "reflection question" in data for data in stored)
    assert "empty" in Client(cluster.rasa_url(1), sender=client.sender).reply("show my journal")


@pytest.mark.parametrize(
    ("origin", "allowed"), [("widget", True), ("https://elsewhere.example", False)]
)
def test_cors_allows_only_the_widgets_origin(cluster, origin, allowed):
    origin = cluster.url if origin == "widget" else origin
    response = requests.options(
        f"{cluster.url}/webhooks/rest/webhook",
        headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
        timeout=30,
    )
    assert (response.headers.get("Access-Control-Allow-Origin") == origin) is allowed


@pytest.mark.parametrize(
    "path", ["/status", "/version", "/conversations/x/tracker", "/model/parse"]
)
def test_only_the_channels_are_public(cluster, path):
    assert requests.get(f"{cluster.url}{path}", timeout=30).status_code == 404


def test_the_widget_chats_through_nginx(browser, cluster):
    for chat in open_chat(browser, cluster):
        chat.open()
        chat.send("hi")
        chat.expect_reply("Heartwise")
        chat.send("my boyfriend left me last week")
        expect(chat.log).to_contain_text("painful", timeout=30_000)
        # What the server learned a message ago is still there.
        chat.send("how long should i wait before i contact him")
        expect(chat.log).to_contain_text("7 days", timeout=30_000)
