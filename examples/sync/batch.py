"""Send many chat questions and an image request as one batch, wait for it, read the results.

A batch is processed asynchronously at a lower price: on the real API it may take hours (up to
a day), so this polls with a growing interval; the emulator processes a batch when it is read.
Results are read page by page as they are iterated. Reads XAI_API_KEY (and XAI_API_HOST, e.g.
to point at `xai-emulator`).

Install: pip install "xai-sdk[chat,image,batch]==1.22.0"
"""

import time

from xai_sdk import Client
from xai_sdk.chat import system, user

MODEL = "grok-4"
COUNTRIES = ["France", "Japan", "Peru", "Kenya", "Canada", "Norway", "India", "Chile"]


def wait_for(client: Client, batch_id: str, *, first_interval: float = 0.2, longest: float = 60.0) -> None:
    """Poll the batch until no request is pending, waiting a little longer each time."""
    interval = first_interval
    while True:
        state = client.batch.get(batch_id).state
        print(f"{state.num_success + state.num_error} of {state.num_requests} done")
        if state.num_pending == 0:
            return
        time.sleep(interval)
        interval = min(interval * 2, longest)


def main() -> None:
    """Create a batch, add chats and an image request, wait, and print every result."""
    with Client() as client:
        batch = client.batch.create("capitals")
        print(f"created {batch.batch_id}")

        requests = []
        for country in COUNTRIES:
            chat = client.chat.create(MODEL, batch_request_id=f"capital-{country.lower()}", max_tokens=50)
            chat.append(system("Answer with the city's name only."))
            chat.append(user(f"What is the capital of {country}?"))
            requests.append(chat)
        requests.append(
            client.image.prepare("A map of the world", "grok-imagine-image", batch_request_id="map")
        )
        client.batch.add(batch.batch_id, requests)  # thousands would be sent in several calls

        wait_for(client, batch.batch_id)

        for result in client.batch.iter_results(batch.batch_id, page_size=5):
            if result.has_error:
                print(f"{result.batch_request_id}: failed ({result.error_message})")
            elif result.proto.response.HasField("image_response"):
                print(f"{result.batch_request_id}: image at {result.image_response.url}")
            else:
                print(f"{result.batch_request_id}: {result.response.content}")

        finished = client.batch.get(batch.batch_id)
        print(f"cost: ${finished.cost_breakdown.total_cost_usd_ticks / 1e10:.4f}")


if __name__ == "__main__":
    main()
