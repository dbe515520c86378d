/**
 * Model ids to model folders: local folders, models embedded on the class path, the Hugging Face
 * cache shared with Python, and downloads from the hub ({@link dev.jembed.pooling.hub.ModelLocator}).
 * Not exported: users pass an id or a folder to {@code SentenceTransformer.load}, set the cache and
 * offline mode in {@code LoadOptions} or the Hugging Face environment variables, and catch
 * {@code HubException}.
 *
 * <h2>Embedded models</h2>
 * A jar embeds a model by putting its folder's files under the resource folder
 * {@code jembed-models/<org>/<name>/} together with an index {@code jembed-models/<org>/<name>/index.txt}
 * that lists them, one per line, relative to that folder with {@code /} separators, in
 * {@code sha256sum} format ({@code <64 hex sha256><two spaces><path>}) or as a bare path.
 * Lines starting with {@code #} are comments, except {@code # revision: <commit>}, which records
 * the hub commit the files were built from. Example for all-MiniLM-L6-v2:
 * <pre>
 * # revision: 1110a243fdf4706b3f48f1d95db1a4f5529b4d41
 * 53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db  model.safetensors
 * ...  config.json
 * ...  1_Pooling/config.json
 * </pre>
 * {@code sentence-transformers/all-MiniLM-L6-v2} (or just {@code all-MiniLM-L6-v2}) then resolves
 * to the embedded copy before the cache or the network is consulted; an id with an explicit
 * {@code @revision} uses it only if the index declares that revision. From a jar the files are
 * unpacked once, verified, to {@code $JEMBED_CACHE} (default {@code ~/.cache/jembed}) under
 * {@code embedded/<org>--<name>/<first 16 hex of sha256(index.txt)>/}.
 */
package dev.jembed.pooling.hub;
