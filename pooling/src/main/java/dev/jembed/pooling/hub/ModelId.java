package dev.jembed.pooling.hub;

import java.util.regex.Pattern;

/**
 * A Hugging Face model id with an optional revision: {@code org/name} or {@code org/name@revision}.
 * A bare {@code name} means {@code sentence-transformers/name}, as sentence-transformers reads it.
 *
 * @param repoId   {@code org/name}
 * @param revision a branch, tag or commit hash; {@code main} when not given
 * @param explicitRevision true if the id named a revision
 */
public record ModelId(String repoId, String revision, boolean explicitRevision) {
    /** The default branch. */
    public static final String DEFAULT_REVISION = "main";
    // huggingface_hub's validate_repo_id: word characters, '-', '.', at most 96 per part.
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.\\-]{1,96}");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    public ModelId {
        String[] parts = repoId.split("/", -1);
        if (parts.length != 2) throw new IllegalArgumentException("not a model id (org/name): \"" + repoId + "\"");
        for (String p : parts) {
            if (!PART.matcher(p).matches()
                    || p.startsWith("-")
                    || p.startsWith(".")
                    || p.endsWith("-")
                    || p.endsWith(".")
                    || p.contains("--")
                    || p.contains("..")) {
                throw new IllegalArgumentException("invalid model id \"" + repoId + "\": \"" + p
                        + "\" must be 1-96 letters, digits, '_', '-' or '.', without '--' or '..'");
            }
        }
        if (revision.isEmpty()
                || revision.contains("..")
                || revision.contains("\\")
                || revision.startsWith("/")
                || revision.endsWith("/")
                || revision.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("invalid revision \"" + revision + "\" in model id " + repoId);
        }
    }

    /** Parses {@code [org/]name[@revision]}. */
    public static ModelId parse(String id) {
        String repo = id, rev = DEFAULT_REVISION;
        boolean explicit = false;
        int at = id.lastIndexOf('@');
        if (at >= 0) {
            repo = id.substring(0, at);
            rev = id.substring(at + 1);
            explicit = true;
        }
        if (!repo.contains("/")) repo = "sentence-transformers/" + repo;
        return new ModelId(repo, rev, explicit);
    }

    public String organization() {
        return repoId.substring(0, repoId.indexOf('/'));
    }

    public String name() {
        return repoId.substring(repoId.indexOf('/') + 1);
    }

    /** True if the revision is a full commit hash. */
    public boolean revisionIsCommit() {
        return COMMIT.matcher(revision).matches();
    }

    /** The cache folder name huggingface_hub uses: {@code models--org--name}. */
    public String cacheFolderName() {
        return "models--" + repoId.replace("/", "--");
    }

    @Override
    public String toString() {
        return explicitRevision ? repoId + "@" + revision : repoId;
    }
}
