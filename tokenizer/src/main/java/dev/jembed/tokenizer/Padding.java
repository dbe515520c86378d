package dev.jembed.tokenizer;

import java.util.Objects;

/**
 * Padding settings (HF {@code PaddingParams}): pad every encoding of a batch to the longest one
 * ({@code fixedLength == 0}) or to a fixed length, optionally rounded up to a multiple, with the
 * given pad id, type id and token, on the right (default) or the left. Padded positions have
 * attention mask 0, special-tokens mask 1 and offsets (0, 0).
 *
 * @param fixedLength      target length, or 0 to pad to the longest encoding of the batch
 * @param padToMultipleOf  round the target up to a multiple of this, or 0
 * @param padId            id of the pad token
 * @param padTypeId        type id of padded positions
 * @param padToken         token string of padded positions
 * @param left             pad at the start instead of the end
 */
public record Padding(int fixedLength, int padToMultipleOf, int padId, int padTypeId, String padToken, boolean left) {
    /**
     * The longest fixed length or multiple a padding may ask for (2^20 tokens). Hugging Face has no
     * limit and allocates what the file says, so a hostile {@code "Fixed": 2147483647} makes every
     * encode allocate eight arrays of 2^31 slots; no model reads a millionth of that many positions.
     */
    public static final int MAX_LENGTH = 1 << 20;

    /** @throws IllegalArgumentException if a length or id is negative, or a length is over {@link #MAX_LENGTH} */
    public Padding {
        if (fixedLength < 0 || padToMultipleOf < 0 || padId < 0 || padTypeId < 0) {
            throw new IllegalArgumentException("padding lengths and ids must be >= 0");
        }
        if (fixedLength > MAX_LENGTH || padToMultipleOf > MAX_LENGTH) {
            throw new IllegalArgumentException("padding lengths must be at most " + MAX_LENGTH + ", got "
                    + Math.max(fixedLength, padToMultipleOf));
        }
        Objects.requireNonNull(padToken, "padToken");
    }

    /** Pad to the longest encoding of the batch, on the right. */
    public static Padding toLongest(int padId, String padToken) {
        return new Padding(0, 0, padId, 0, padToken, false);
    }

    /** Pad every encoding to {@code length} tokens, on the right. */
    public static Padding toLength(int length, int padId, String padToken) {
        if (length <= 0) {
            throw new IllegalArgumentException("length must be > 0, got " + length);
        }
        return new Padding(length, 0, padId, 0, padToken, false);
    }

    public Padding withPadToMultipleOf(int multiple) {
        return new Padding(fixedLength, multiple, padId, padTypeId, padToken, left);
    }

    public Padding withPadTypeId(int typeId) {
        return new Padding(fixedLength, padToMultipleOf, padId, typeId, padToken, left);
    }

    public Padding onLeft() {
        return new Padding(fixedLength, padToMultipleOf, padId, padTypeId, padToken, true);
    }

    int targetLength(int longest) {
        int n = fixedLength > 0 ? fixedLength : longest;
        if (padToMultipleOf > 0 && n % padToMultipleOf > 0) {
            n += padToMultipleOf - n % padToMultipleOf;
        }
        return n;
    }
}
