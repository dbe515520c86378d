package dev.jembed.pooling.config;

/**
 * The pooling strategies of sentence-transformers' {@code Pooling} module. The declaration order is
 * the order in which sentence-transformers concatenates the outputs when several are enabled
 * (cls, max, mean, mean_sqrt_len_tokens, weightedmean, lasttoken).
 */
public enum PoolingMode {
    /** The first token's hidden state ({@code pooling_mode_cls_token}). */
    CLS("cls", "pooling_mode_cls_token"),
    /** Per-dimension maximum over the attended tokens ({@code pooling_mode_max_tokens}). */
    MAX("max", "pooling_mode_max_tokens"),
    /** Mean over the attended tokens ({@code pooling_mode_mean_tokens}). */
    MEAN("mean", "pooling_mode_mean_tokens"),
    /** Sum over the attended tokens divided by the square root of their count. */
    MEAN_SQRT_LEN("mean_sqrt_len_tokens", "pooling_mode_mean_sqrt_len_tokens"),
    /** Position-weighted mean (weights 1, 2, 3, ...), from SGPT ({@code pooling_mode_weightedmean_tokens}). */
    WEIGHTED_MEAN("weightedmean", "pooling_mode_weightedmean_tokens"),
    /** The last attended token's hidden state ({@code pooling_mode_lasttoken}). */
    LAST_TOKEN("lasttoken", "pooling_mode_lasttoken");

    private final String shortName;
    private final String configKey;

    PoolingMode(String shortName, String configKey) {
        this.shortName = shortName;
        this.configKey = configKey;
    }

    /** The name sentence-transformers accepts as {@code pooling_mode="..."}, e.g. {@code mean}. */
    public String shortName() {
        return shortName;
    }

    /** The boolean key in {@code 1_Pooling/config.json}, e.g. {@code pooling_mode_mean_tokens}. */
    public String configKey() {
        return configKey;
    }

    /** The mode for a sentence-transformers short name (case-insensitive), or null if there is none. */
    public static PoolingMode fromShortName(String name) {
        for (PoolingMode m : values()) if (m.shortName.equalsIgnoreCase(name)) return m;
        return null;
    }
}
