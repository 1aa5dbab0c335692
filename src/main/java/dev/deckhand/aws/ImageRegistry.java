package dev.deckhand.aws;

import java.util.List;
import java.util.Optional;

/**
 * Container images, in domain terms (Amazon ECR behind it). Failures of AWS throw
 * {@link AwsFailure}; a repository that does not exist is one with code {@code RepositoryNotFoundException}.
 */
public interface ImageRegistry
{
    /**
     * The image {@code tag} names right now; empty when the repository has no such tag. For a
     * multi-arch push its digest is the index's, which a host of any platform pulls.
     */
    Optional<Image> byTag(Repository repository, String tag);

    /** Every tagged image of the repository, paged through; newest push first. */
    List<Image> tagged(Repository repository);
}
