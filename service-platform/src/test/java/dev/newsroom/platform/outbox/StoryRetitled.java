package dev.newsroom.platform.outbox;

/** The event the tests publish: emitted when a story gets a new title. */
record StoryRetitled(String storyId, String title, int revision) {}
