package dev.jembed.tokenizer;

import dev.jembed.tokenizer.decoder.BpeDecoder;
import dev.jembed.tokenizer.decoder.ByteFallbackDecoder;
import dev.jembed.tokenizer.decoder.ByteLevelDecoder;
import dev.jembed.tokenizer.decoder.Decoder;
import dev.jembed.tokenizer.decoder.DecoderSequence;
import dev.jembed.tokenizer.decoder.FuseDecoder;
import dev.jembed.tokenizer.decoder.MetaspaceDecoder;
import dev.jembed.tokenizer.decoder.ReplaceDecoder;
import dev.jembed.tokenizer.decoder.StripDecoder;
import dev.jembed.tokenizer.decoder.WordPieceDecoder;
import dev.jembed.tokenizer.json.JsonNode;
import dev.jembed.tokenizer.pretokenizer.Metaspace;
import dev.jembed.tokenizer.processor.BertProcessing;
import dev.jembed.tokenizer.processor.ByteLevelProcessing;
import dev.jembed.tokenizer.processor.PostProcessor;
import dev.jembed.tokenizer.processor.ProcessorSequence;
import dev.jembed.tokenizer.processor.RobertaProcessing;
import dev.jembed.tokenizer.processor.TemplateProcessing;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sections of a Hugging Face {@code tokenizer.json} that act after the model: the post-processor,
 * the decoder, truncation and padding ({@link TokenizerJsonLoader} reads the rest and calls these).
 */
final class ProcessorJsonLoader {
    private ProcessorJsonLoader() {}

    // ------------------------------------------------------------------ post-processors

    static PostProcessor postProcessor(JsonNode n) throws IOException {
        if (n == null) {
            return null;
        }
        String type = n.getString("type");
        return switch (type) {
            case "TemplateProcessing" -> template(n);
            case "BertProcessing" -> {
                JsonNode sep = n.get("sep");
                JsonNode cls = n.get("cls");
                yield new BertProcessing(tokenName(sep), tokenId(sep), tokenName(cls), tokenId(cls));
            }
            case "RobertaProcessing" -> {
                JsonNode sep = n.get("sep");
                JsonNode cls = n.get("cls");
                yield new RobertaProcessing(
                        tokenName(sep),
                        tokenId(sep),
                        tokenName(cls),
                        tokenId(cls),
                        n.optBoolean("trim_offsets", true),
                        n.optBoolean("add_prefix_space", true));
            }
            case "ByteLevel" ->
                new ByteLevelProcessing(n.optBoolean("trim_offsets", true), n.optBoolean("add_prefix_space", true));
            case "Sequence" ->
                new ProcessorSequence(TokenizerJsonLoader.parts(n, "processors", ProcessorJsonLoader::postProcessor));
            default -> throw new UnsupportedComponentException(n.source(), n.path(), "post_processor", type);
        };
    }

    private static String tokenName(JsonNode pair) throws IOException {
        List<JsonNode> l = pair.asList();
        if (l.size() != 2) {
            throw pair.error("expected [token, id]");
        }
        return l.get(0).asString();
    }

    private static int tokenId(JsonNode pair) throws IOException {
        return pair.asList().get(1).asIndex();
    }

    private static TemplateProcessing template(JsonNode n) throws IOException {
        Map<String, TemplateProcessing.SpecialToken> specials = new HashMap<>();
        JsonNode st = n.opt("special_tokens");
        if (st != null) {
            for (Map.Entry<String, Object> e : st.asMap().entrySet()) {
                JsonNode t = st.child(e.getKey(), e.getValue());
                List<JsonNode> idsNode = t.get("ids").asList();
                List<JsonNode> tokNode = t.get("tokens").asList();
                if (idsNode.size() != tokNode.size()) {
                    throw t.error("special token has " + idsNode.size() + " ids but " + tokNode.size() + " tokens");
                }
                int[] ids = new int[idsNode.size()];
                String[] toks = new String[tokNode.size()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = idsNode.get(i).asIndex();
                    toks[i] = tokNode.get(i).asString();
                }
                specials.put(t.optString("id", e.getKey()), new TemplateProcessing.SpecialToken(e.getKey(), ids, toks));
            }
        }
        List<TemplateProcessing.Piece> single = pieces(n.get("single"), specials);
        List<TemplateProcessing.Piece> pair = pieces(n.get("pair"), specials);
        return new TemplateProcessing(single, pair, specials);
    }

    private static List<TemplateProcessing.Piece> pieces(
            JsonNode n, Map<String, TemplateProcessing.SpecialToken> specials) throws IOException {
        List<TemplateProcessing.Piece> out = new ArrayList<>();
        if (n.isString()) {
            for (String part : n.asString().trim().split("\\s+")) {
                if (!part.isEmpty()) {
                    out.add(piece(n, part, specials));
                }
            }
            return out;
        }
        for (JsonNode p : n.asList()) {
            if (p.isString()) {
                out.add(piece(p, p.asString(), specials));
                continue;
            }
            JsonNode seq = p.opt("Sequence");
            if (seq != null) {
                String id = seq.getString("id");
                if (!id.equals("A") && !id.equals("B")) {
                    throw seq.get("id").error("sequence id must be A or B");
                }
                out.add(new TemplateProcessing.Piece(id.equals("A") ? 0 : 1, null, seq.optIndex("type_id", 0)));
                continue;
            }
            JsonNode sp = p.opt("SpecialToken");
            if (sp == null) {
                throw p.error("expected a {\"Sequence\": ...} or {\"SpecialToken\": ...} template piece");
            }
            String id = sp.getString("id");
            if (!specials.containsKey(id)) {
                throw sp.get("id").error("special token '" + id + "' is not in special_tokens");
            }
            out.add(new TemplateProcessing.Piece(-1, id, sp.optIndex("type_id", 0)));
        }
        return out;
    }

    /** A piece in the string form: {@code $A}, {@code $B:1}, {@code [CLS]:0}. */
    private static TemplateProcessing.Piece piece(
            JsonNode where, String s, Map<String, TemplateProcessing.SpecialToken> specials) throws IOException {
        String name = s;
        int typeId = 0;
        int colon = s.lastIndexOf(':');
        if (colon > 0) {
            try {
                typeId = Integer.parseInt(s.substring(colon + 1));
                name = s.substring(0, colon);
            } catch (NumberFormatException e) {
                name = s;
            }
        }
        if (name.startsWith("$")) {
            String seq = name.substring(1);
            if (seq.isEmpty() || seq.equals("A")) {
                return new TemplateProcessing.Piece(0, null, typeId);
            }
            if (seq.equals("B")) {
                return new TemplateProcessing.Piece(1, null, typeId);
            }
            try {
                return new TemplateProcessing.Piece(0, null, Integer.parseInt(seq));
            } catch (NumberFormatException e) {
                throw where.error("bad template piece '" + s + "'");
            }
        }
        if (!specials.containsKey(name)) {
            throw where.error("special token '" + name + "' is not in special_tokens");
        }
        return new TemplateProcessing.Piece(-1, name, typeId);
    }

    // ------------------------------------------------------------------ decoders

    static Decoder decoder(JsonNode n) throws IOException {
        if (n == null) {
            return null;
        }
        String type = n.getString("type");
        return switch (type) {
            case "WordPiece" -> new WordPieceDecoder(n.optString("prefix", "##"), n.optBoolean("cleanup", true));
            case "ByteLevel" -> new ByteLevelDecoder();
            case "Metaspace" ->
                new MetaspaceDecoder(
                        TokenizerJsonLoader.replacement(n),
                        TokenizerJsonLoader.prependScheme(n) != Metaspace.PrependScheme.NEVER);
            case "BPEDecoder" -> new BpeDecoder(n.optString("suffix", "</w>"));
            case "ByteFallback" -> new ByteFallbackDecoder();
            case "Fuse" -> new FuseDecoder();
            case "Strip" -> {
                String c = n.getString("content");
                if (c.codePointCount(0, c.length()) != 1) {
                    throw n.get("content").error("content must be one character");
                }
                yield new StripDecoder(c.codePointAt(0), n.optIndex("start", 0), n.optIndex("stop", 0));
            }
            case "Replace" -> new ReplaceDecoder(TokenizerJsonLoader.pattern(n.get("pattern")), n.getString("content"));
            case "Sequence" ->
                new DecoderSequence(TokenizerJsonLoader.parts(n, "decoders", ProcessorJsonLoader::decoder));
            default -> throw new UnsupportedComponentException(n.source(), n.path(), "decoder", type);
        };
    }

    // ------------------------------------------------------------------ truncation and padding

    static Truncation truncation(JsonNode n) throws IOException {
        if (n == null) {
            return null;
        }
        String s = n.optString("strategy", "LongestFirst");
        TruncationStrategy strategy = switch (s) {
            case "LongestFirst" -> TruncationStrategy.LONGEST_FIRST;
            case "OnlyFirst" -> TruncationStrategy.ONLY_FIRST;
            case "OnlySecond" -> TruncationStrategy.ONLY_SECOND;
            default -> throw n.get("strategy").error("unknown truncation strategy '" + s + "'");
        };
        String dir = n.optString("direction", "Right");
        if (!dir.equals("Right") && !dir.equals("Left")) {
            throw n.get("direction").error("unknown truncation direction '" + dir + "'");
        }
        return new Truncation(n.get("max_length").asIndex(), strategy, dir.equals("Left"));
    }

    /** A padding length or multiple: a 32-bit index no larger than {@link Padding#MAX_LENGTH}. */
    private static int paddingLength(JsonNode n) throws TokenizerFormatException {
        int length = n.asIndex();
        if (length > Padding.MAX_LENGTH) {
            throw n.error("padding length " + length + " is over the supported " + Padding.MAX_LENGTH + " tokens");
        }
        return length;
    }

    static Padding padding(JsonNode n) throws IOException {
        if (n == null) {
            return null;
        }
        int fixed = 0;
        JsonNode strategy = n.opt("strategy");
        if (strategy != null) {
            if (strategy.isString()) {
                if (!strategy.asString().equals("BatchLongest")) {
                    throw strategy.error("unknown padding strategy '" + strategy.asString() + "'");
                }
            } else {
                fixed = paddingLength(strategy.get("Fixed"));
                if (fixed == 0) {
                    throw strategy.error("fixed padding length must be > 0");
                }
            }
        }
        String dir = n.optString("direction", "Right");
        if (!dir.equals("Right") && !dir.equals("Left")) {
            throw n.get("direction").error("unknown padding direction '" + dir + "'");
        }
        return new Padding(
                fixed,
                n.opt("pad_to_multiple_of") == null ? 0 : paddingLength(n.get("pad_to_multiple_of")),
                n.optIndex("pad_id", 0),
                n.optIndex("pad_type_id", 0),
                n.optString("pad_token", "[PAD]"),
                dir.equals("Left"));
    }
}
