"""Tags of items from the referentials: computed as items are stored, edited by
documentalists, labelled for people, and the search's vocabulary of jobs and places."""
