package dev.deckhand.web;

/** The HTTP port; 0 picks a free one (tests). */
public record WebConfig(int port)
{
    public WebConfig
    {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
    }
}
