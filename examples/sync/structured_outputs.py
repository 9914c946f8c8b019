"""Structured output: the answer is parsed into a pydantic model.

Install: pip install "xai-sdk[chat,pydantic]==1.22.0"
"""

from pydantic import BaseModel, Field

from xai_sdk import Client
from xai_sdk.chat import system, user


class Recipe(BaseModel):
    """A recipe."""

    name: str
    servings: int = Field(ge=1)
    ingredients: list[str]


def main() -> None:
    """Ask for a recipe and get a Recipe back."""
    with Client() as client:
        chat = client.chat.create(
            "grok-4", messages=[system("You are a chef."), user("A simple pancake recipe.")]
        )
        response, recipe = chat.parse(Recipe)
        ingredients = ", ".join(recipe.ingredients) or "(no ingredients listed)"
        print(f"{recipe.name} for {recipe.servings}: {ingredients}")
        print(f"({response.usage.completion_tokens} completion tokens)")


if __name__ == "__main__":
    main()
