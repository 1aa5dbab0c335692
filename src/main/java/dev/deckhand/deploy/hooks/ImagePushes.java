package dev.deckhand.deploy.hooks;

/** Where authenticated pushes go once the hook has read them; it de-duplicates and announces. */
@FunctionalInterface
public interface ImagePushes
{
    void pushed(ImagePushed push);
}
