package dev.jembed.tokenizer.normalizer;

import dev.jembed.tokenizer.text.NormalizedString;

/** NFC, NFD, NFKC or NFKD with HF's alignment rules. */
public record UnicodeNormalizer(Form form) implements Normalizer {
    /** The four Unicode normalization forms. */
    public enum Form {
        NFC,
        NFD,
        NFKC,
        NFKD
    }

    @Override
    public void normalize(NormalizedString text) {
        switch (form) {
            case NFC -> text.nfc();
            case NFD -> text.nfd();
            case NFKC -> text.nfkc();
            case NFKD -> text.nfkd();
        }
    }

    @Override
    public boolean cutSafe() {
        return true;
    }
}
