package chat.common.web;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * What Tomcat answers itself, before Spring sees a request, carries the problem body too (see
 * {@link ProblemReportValve}); and {@code [} and {@code ]} are accepted unencoded in a query
 * string, as browsers and query-string libraries send them ({@code ?ids[]=1}): Spring reads
 * {@code page[]} as {@code page}, and a name the API does not know is ignored.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
public class TomcatErrorAutoConfiguration {

    static final String RELAXED_QUERY_CHARS = "[]";

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return new ProblemErrorReports();
    }

    /**
     * Runs after Spring Boot's own customizer, which adds a plain {@link ErrorReportValve} to the
     * host: that one is replaced, so that only the problem body is ever written.
     */
    static final class ProblemErrorReports
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addConnectorCustomizers(
                    connector -> connector.setProperty("relaxedQueryChars", RELAXED_QUERY_CHARS));
            factory.addContextCustomizers(context -> {
                Container host = context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve)) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                if (host instanceof StandardHost standard) {
                    // the host adds a valve of this class when it starts, if it has none yet
                    standard.setErrorReportValveClass(ProblemReportValve.class.getName());
                }
                host.getPipeline().addValve(new ProblemReportValve());
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
