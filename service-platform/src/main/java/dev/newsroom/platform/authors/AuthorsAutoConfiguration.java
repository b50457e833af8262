package dev.newsroom.platform.authors;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.newsroom.platform.projection.ProjectionAutoConfiguration;
import dev.newsroom.platform.projection.Projections;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authors' profiles for a service that shows articles or comments: the copy of {@code
 * newsroom.users.v1} (users and follow edges), its listener (the function {@value #BINDING}),
 * {@link AuthorProfiles} and the short memory of profiles in front of it ({@link CachedUsers}). A service asks for it by binding {@code userEvents-in-0} in its
 * application.yml (destination, group, dead-letter topic) and naming {@value #BINDING} in {@code
 * spring.cloud.function.definition}; it writes no code for it.
 */
@AutoConfiguration(after = ProjectionAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.data.mongodb.core.ReactiveMongoTemplate")
@ConditionalOnBean(Projections.class)
@Conditional(OnUserEventsBinding.class)
@EnableConfigurationProperties(AuthorsProperties.class)
public class AuthorsAutoConfiguration {

    /** The function the service's binding {@code userEvents-in-0} feeds. */
    public static final String BINDING = "userEvents";

    @Bean
    UserProjections newsroomUserProjections(Projections projections, AuthorsProperties properties) {
        return UserProjections.of(projections, properties.writerLookup());
    }

    @Bean
    CachedUsers newsroomCachedUsers(UserProjections newsroomUserProjections, AuthorsProperties properties) {
        return new CachedUsers(
                newsroomUserProjections.users(), properties.cacheTtl(), properties.cacheSize(), Ticker.systemTicker());
    }

    @Bean
    AuthorProfiles authorProfiles(UserProjections newsroomUserProjections, CachedUsers newsroomCachedUsers) {
        return new AuthorProfiles(newsroomUserProjections, newsroomCachedUsers);
    }

    @Bean(BINDING)
    UserEventsListener userEvents(
            UserProjections newsroomUserProjections, CachedUsers newsroomCachedUsers, JsonMapper json) {
        return new UserEventsListener(newsroomUserProjections, newsroomCachedUsers, json);
    }

    /** Every list with an {@code author=} filter reads usernames: the index exists before the first request. */
    @Bean
    SmartInitializingSingleton userProjectionIndexes(UserProjections newsroomUserProjections) {
        return newsroomUserProjections::createIndexes;
    }
}
