package dev.deckhand.web;

/** One part of {@code /healthz}; contributed through a Multibinder. A check that is not healthy makes the endpoint answer 503. */
public interface HealthCheck
{
    String name();

    Status check();

    record Status(boolean healthy, String detail) {}
}
