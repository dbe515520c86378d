package dev.jembed.pooling.hub;

import dev.jembed.pooling.HubException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns what a user typed into a model folder on disk, in this order:
 * <ol>
 *   <li>an existing local folder;</li>
 *   <li>{@code org/name[@revision]} (a bare {@code name} means {@code sentence-transformers/name}):
 *     <ol>
 *       <li>a model embedded on the class path ({@link EmbeddedModels}: {@code jembed-models/<org>/<name>/index.txt});</li>
 *       <li>a complete snapshot in the Hugging Face cache that Python users already have
 *           ({@code HF_HUB_CACHE}, else {@code HF_HOME/hub}, else {@code ~/.cache/huggingface/hub}),
 *           found through {@code refs/<revision>} or by commit hash; no request is made;</li>
 *       <li>a download from the hub ({@code HF_ENDPOINT}, token {@code HF_TOKEN}) into that same
 *           cache, unless {@code HF_HUB_OFFLINE=1}.</li>
 *     </ol>
 * </ol>
 * A cached branch is not checked for newer commits: name a commit ({@code @<hash>}) or delete
 * {@code refs/<branch>} to update.
 *
 * <p>The download takes the files a sentence-transformers model needs: the JSON and text files at
 * the top (configs, tokenizer, vocabulary), the safetensors weights, and the files of module
 * folders such as {@code 1_Pooling/} and {@code 2_Dense/}; ONNX, OpenVINO, PyTorch pickles and
 * other formats are skipped. Weights come last, so an interrupted download never looks complete.
 */
public final class ModelLocator {
    private static final Pattern MODULE_FILE = Pattern.compile("\\d+_[^/]+/[^/]+\\.(json|safetensors|txt)");
    private static final Pattern SHARD = Pattern.compile("model-\\d+-of-\\d+\\.safetensors");

    private final HubEnvironment env;

    public ModelLocator(HubEnvironment env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    /** A locator over the real environment. */
    public static ModelLocator standard() {
        return new ModelLocator(HubEnvironment.system());
    }

    public HubEnvironment environment() {
        return env;
    }

    /**
     * Resolves a folder path or a model id.
     *
     * @throws HubException             when an id cannot be found, offline or online
     * @throws IllegalArgumentException for something that is neither an existing folder nor a valid id
     */
    public ResolvedModel resolve(String modelIdOrPath) {
        Objects.requireNonNull(modelIdOrPath, "modelIdOrPath");
        Optional<Path> local = localFolder(modelIdOrPath);
        if (local.isPresent()) return new ResolvedModel(local.get(), ResolvedModel.Source.LOCAL, null, null);
        if (looksLikePath(modelIdOrPath)) {
            throw new IllegalArgumentException("no model folder at " + modelIdOrPath);
        }
        ModelId id;
        try {
            id = ModelId.parse(modelIdOrPath);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "\"" + modelIdOrPath + "\" is neither a model folder nor a model id: " + e.getMessage(), e);
        }
        Optional<Path> embedded = EmbeddedModels.find(id, env);
        if (embedded.isPresent()) {
            String rev = id.explicitRevision() ? id.revision() : null;
            return new ResolvedModel(embedded.get(), ResolvedModel.Source.CLASSPATH, id, rev);
        }
        HubCache cache = new HubCache(env.hubCache(), id);
        Optional<String> commit;
        try {
            commit = cache.commitFor(id.revision());
        } catch (IOException e) {
            throw new HubException(id + ": cannot read the cache at " + cache.repoFolder() + ": " + e.getMessage(), e);
        }
        List<String> missing = commit.isPresent() ? HubCache.missing(cache.snapshot(commit.get())) : List.of();
        if (commit.isPresent() && missing.isEmpty()) {
            return new ResolvedModel(cache.snapshot(commit.get()), ResolvedModel.Source.CACHE, id, commit.get());
        }
        if (env.offline() && commit.isPresent()) {
            throw new HubException(
                    id + ": the cached snapshot " + cache.snapshot(commit.get()) + " lacks "
                            + String.join(", ", missing)
                            + ", and HF_HUB_OFFLINE=" + env.variables().get("HF_HUB_OFFLINE")
                            + " forbids downloading it; unset HF_HUB_OFFLINE, or add the files (jembed reads safetensors weights only)");
        }
        if (env.offline()) {
            throw new HubException(id + " is not in the Hugging Face cache (" + cache.repoFolder()
                    + ") and HF_HUB_OFFLINE=" + env.variables().get("HF_HUB_OFFLINE")
                    + " forbids downloading it; unset HF_HUB_OFFLINE or give a model folder");
        }
        return download(id, cache);
    }

    private ResolvedModel download(ModelId id, HubCache cache) {
        try (HubClient client = new HubClient(env)) {
            HubClient.RepoFiles repo = client.listFiles(id);
            List<String> files = selectFiles(id, repo.files());
            for (String file : files) client.download(id, cache, repo.commit(), file);
            cache.writeRef(id.revision(), repo.commit());
            Path snapshot = cache.snapshot(repo.commit());
            if (!HubCache.usable(snapshot)) {
                throw new HubException(id + "@" + repo.commit() + " is not a loadable model: " + snapshot
                        + " lacks config.json, safetensors weights, a tokenizer file or a module's files");
            }
            return new ResolvedModel(snapshot, ResolvedModel.Source.DOWNLOAD, id, repo.commit());
        } catch (IOException e) {
            throw new HubException(
                    id + ": writing to the cache " + cache.repoFolder() + " failed: " + e.getMessage(), e);
        }
    }

    /** The files to fetch, weights last; fails if the repository has no safetensors weights. */
    static List<String> selectFiles(ModelId id, List<String> all) {
        List<String> small = new ArrayList<>(), weights = new ArrayList<>();
        for (String f : all) {
            boolean top = !f.contains("/");
            if (top && (f.equals("model.safetensors") || SHARD.matcher(f).matches())) weights.add(f);
            else if (top && (f.endsWith(".json") || f.endsWith(".txt"))) small.add(f);
            else if (MODULE_FILE.matcher(f).matches()) {
                if (f.endsWith(".safetensors")) weights.add(f);
                else small.add(f);
            }
        }
        if (weights.stream().noneMatch(f -> !f.contains("/"))) {
            throw new HubException(
                    id + " has no model.safetensors at the top of the repository; jembed reads safetensors weights only"
                            + (all.contains("pytorch_model.bin")
                                    ? " (it has pytorch_model.bin: convert it with safetensors)"
                                    : ""));
        }
        small.addAll(weights);
        return small;
    }

    private Optional<Path> localFolder(String s) {
        try {
            Path p =
                    s.equals("~") ? env.home() : s.startsWith("~/") ? env.home().resolve(s.substring(2)) : Path.of(s);
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static boolean looksLikePath(String s) {
        return s.startsWith("/")
                || s.startsWith("./")
                || s.startsWith("../")
                || s.startsWith("~")
                || s.startsWith(".")
                || s.contains("\\")
                || s.chars().filter(c -> c == '/').count() > 1 && !s.contains("@");
    }
}
