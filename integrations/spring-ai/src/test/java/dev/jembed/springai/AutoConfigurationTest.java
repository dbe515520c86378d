package dev.jembed.springai;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The auto-configuration's conditions and property checks, in light contexts that load no model. */
class AutoConfigurationTest {
    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(JembedAutoConfiguration.class));

    /** Stands in for an application's own embedding model. */
    static final class OwnModel implements EmbeddingModel {
        @Override
        public EmbeddingResponse call(EmbeddingRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public float[] embed(Document document) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void backsOffWhenTheApplicationHasAnEmbeddingModel() {
        OwnModel own = new OwnModel();
        runner.withBean(EmbeddingModel.class, () -> own).run(context -> {
            assertSame(own, context.getBean(EmbeddingModel.class));
            assertTrue(context.getBeansOfType(JembedEmbeddingModel.class).isEmpty());
        });
    }

    @Test
    void badPropertiesFailTheContextNamingTheProperty() {
        runner.withPropertyValues("jembed.weights=int4").run(context -> {
            assertTrue(context.getStartupFailure() != null);
            assertTrue(
                    messages(context.getStartupFailure()).contains("jembed.weights: unknown weight format \"int4\""),
                    messages(context.getStartupFailure()));
        });
        runner.withPropertyValues("jembed.batch-size=0")
                .run(context -> assertTrue(
                        messages(context.getStartupFailure()).contains("jembed.batch-size must be positive")));
    }

    /** The messages of a failure and its causes. */
    private static String messages(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (; t != null; t = t.getCause()) b.append(t.getMessage()).append('\n');
        return b.toString();
    }
}
