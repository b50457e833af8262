package dev.newsroom.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo newsroom a fresh local suite starts with, so that the first page a newcomer opens is
 * alive: a few people (one of them {@code editor}, a moderator by default), short original news
 * articles, follows, favourites, comments with replies, and stories still on the desk (a draft and
 * one in review, {@link DemoDrafts}). Pure data; {@link DemoSeeder} sends it
 * through the gateway's public API like any client.
 */
record DemoContent(
        List<User> users,
        List<Article> articles,
        List<Follow> follows,
        List<Favourite> favourites,
        List<Comment> comments,
        List<View> views,
        List<Draft> drafts) {

    /** Every demo account shares this password; it is printed in the ready banner. */
    static final String PASSWORD = "newsroom-demo";

    static final String MODERATOR = "editor";

    record User(String username, String bio) {
        String email() {
            return username + "@newsroom.example";
        }
    }

    /** {@code key} names the article within the plan; the slug comes from the API. */
    record Article(
            String key,
            String author,
            String title,
            String description,
            String body,
            List<String> tags,
            List<String> labels,
            String sourceName,
            String sourceUrl) {

        /** The body of {@code POST /api/articles}; {@code status} is left out when null (published at once). */
        String json(String status) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("title", title);
            fields.put("description", description);
            fields.put("body", body);
            fields.put("tagList", tags);
            fields.put(
                    "labels", labels.stream().map(name -> Map.of("name", name)).toList());
            if (sourceName != null) {
                Map<String, Object> source = new LinkedHashMap<>();
                source.put("name", sourceName);
                if (sourceUrl != null) {
                    source.put("url", sourceUrl);
                }
                fields.put("source", source);
            }
            if (status != null) {
                fields.put("status", status);
            }
            return Json.object(Map.of("article", fields));
        }
    }

    /** A story on the desk, not public: a draft, submitted for review when {@code submitted}. */
    record Draft(Article story, boolean submitted) {}

    record Follow(String follower, String followed) {}

    record Favourite(String user, String article) {}

    /** {@code replyTo} is the key of the comment this one answers, or null for a new thread. */
    record Comment(String key, String article, String author, String body, String replyTo) {}

    /** Readers opening an article, so the popular posts box has something to rank. */
    record View(String article, int times) {}

    static DemoContent standard() {
        return new DemoContent(
                List.of(
                        new User(MODERATOR, "Runs the news desk. Moderates the comments, gently."),
                        new User("amara", "Covers energy, climate and the people it touches."),
                        new User("jonas", "Local reporter. Libraries, transport and anything with a queue."),
                        new User("mei", "Reader, commenter, occasional letter writer.")),
                List.of(
                        new Article(
                                "solar",
                                "amara",
                                "Rooftop solar on twelve schools cuts their energy bills by a third",
                                "A year after the panels went up, the district publishes its first full figures.",
                                """
                                A year after solar panels went up on twelve primary schools, the district's first \
                                full report shows their electricity bills **fell by 34 per cent** on average.

                                The panels cover about 9,000 square metres of roof. On sunny school days they supply \
                                most of what the buildings use; in the holidays the surplus goes to the grid.

                                > "The savings pay for two extra teaching assistants a year," said the district's \
                                finance officer.

                                The district now plans to add batteries to four of the schools, so that the morning \
                                peak can be covered by the afternoon before.
                                """,
                                List.of("energy", "education", "climate"),
                                List.of(),
                                "District school board annual energy report",
                                "https://example.org/schools/energy-report"),
                        new Article(
                                "library",
                                "jonas",
                                "The library of things lends out its 10,000th tool",
                                "Drills, ladders and a very popular carpet cleaner: borrowing beats buying.",
                                """
                                The lending shelf at the central library started three years ago with forty donated \
                                tools. This week a cordless drill became its **10,000th loan**.

                                The most borrowed item is a carpet cleaner, out on 412 occasions. Volunteers repair \
                                what comes back broken; only six things have been lost.

                                Members pay nothing beyond a library card. The library says a second shelf, with \
                                camping gear, opens in the spring.
                                """,
                                List.of("community", "city"),
                                List.of(),
                                null,
                                null),
                        new Article(
                                "heatpumps",
                                MODERATOR,
                                "What the new heat-pump grants mean for renters",
                                "Landlords can now claim up to 60 per cent of the cost. Tenants may see the benefit first.",
                                """
                                From next month, landlords can claim a grant of up to **60 per cent** of the cost of \
                                replacing a gas boiler with a heat pump, capped at 7,500 per home.

                                ## Who pays, who saves

                                The landlord pays the rest of the installation; the tenant, who pays the energy \
                                bills, keeps the savings. In return, rents may not rise for two years because of \
                                the work.

                                ## What to ask your landlord

                                - whether the home qualifies (most flats with their own heating do),
                                - when the survey can happen,
                                - how the radiators will change.
                                """,
                                List.of("energy", "housing"),
                                List.of("Analysis"),
                                "Ministry of Housing grant guidance",
                                "https://example.org/housing/heat-pump-grants"),
                        new Article(
                                "swim",
                                "amara",
                                "The harbour swim is back after the water passes every test",
                                "Three summers of clean-up work mean the annual race can return in June.",
                                """
                                For the first time in five years, the harbour's water passed every weekly test last \
                                summer, and the annual one-mile swim will return on the first Sunday of June.

                                The improvement follows new storm tanks that stop sewage overflowing into the \
                                harbour after heavy rain. Entries open next week; the race is limited to 400 swimmers.
                                """,
                                List.of("environment", "sport", "city"),
                                List.of(),
                                null,
                                null),
                        new Article(
                                "weather",
                                "jonas",
                                "Farmers build their own weather stations, and share the data",
                                "Forty open-source stations now give the valley forecasts down to the field.",
                                """
                                A co-operative of fruit growers has built forty small weather stations from \
                                open-source designs, each costing less than a week's diesel.

                                The stations report temperature, humidity and wind every five minutes to a shared \
                                map. Growers say the local frost warnings alone saved much of last spring's \
                                blossom.

                                The designs and the data are public, and two neighbouring valleys have asked to join.
                                """,
                                List.of("technology", "climate", "farming"),
                                List.of(),
                                "Valley Growers Co-operative",
                                "https://example.org/growers/weather"),
                        new Article(
                                "nightbus",
                                MODERATOR,
                                "Council approves a permanent night-bus network",
                                "Six routes will run all night, seven days a week, from the first of next month.",
                                """
                                The city council voted **31 to 9** tonight to make the night-bus trial permanent.

                                Six routes will run every thirty minutes between midnight and five in the morning, \
                                seven nights a week, linking the hospital, the station and the outer estates.

                                During the two-year trial, 1.2 million journeys were made at night, most of them by \
                                shift workers. The council will publish the new timetable on Friday.
                                """,
                                List.of("transport", "city"),
                                List.of("Breaking news"),
                                "City council meeting, public record",
                                "https://example.org/council/night-buses")),
                List.of(
                        new Follow("mei", MODERATOR),
                        new Follow("mei", "amara"),
                        new Follow("jonas", MODERATOR),
                        new Follow("amara", "jonas"),
                        new Follow(MODERATOR, "amara")),
                List.of(
                        new Favourite("mei", "nightbus"),
                        new Favourite("jonas", "nightbus"),
                        new Favourite("amara", "nightbus"),
                        new Favourite("mei", "solar"),
                        new Favourite(MODERATOR, "solar"),
                        new Favourite("mei", "library"),
                        new Favourite("amara", "weather")),
                List.of(
                        new Comment(
                                "nb1",
                                "nightbus",
                                "mei",
                                "Finally. I finish at the hospital at 2 am and have been walking home for years.",
                                null),
                        new Comment(
                                "nb2",
                                "nightbus",
                                "jonas",
                                "Same here for the warehouse shifts. Does anyone know if route 4 still goes past the station?",
                                "nb1"),
                        new Comment(
                                "nb3",
                                "nightbus",
                                MODERATOR,
                                "It does: route 4 keeps its trial stops. The full timetable is out on Friday.",
                                "nb2"),
                        new Comment(
                                "nb4",
                                "nightbus",
                                "amara",
                                "Good news for the outer estates, which had nothing after 11 pm.",
                                null),
                        new Comment(
                                "so1",
                                "solar",
                                "mei",
                                "Two teaching assistants a year is a great way to put it.",
                                null),
                        new Comment(
                                "so2",
                                "solar",
                                "jonas",
                                "Are the batteries funded yet, or is that still a plan?",
                                null),
                        new Comment(
                                "so3",
                                "solar",
                                "amara",
                                "Funded for two schools so far; the other two wait for next year's budget.",
                                "so2"),
                        new Comment(
                                "li1",
                                "library",
                                "amara",
                                "I borrowed the carpet cleaner last month. Can confirm it is very popular.",
                                null),
                        new Comment(
                                "li2",
                                "library",
                                "jonas",
                                "More lending shelves nearby: https://example.org/tools/north "
                                        + "https://example.org/tools/harbour https://example.org/tools/east",
                                null),
                        new Comment(
                                "hp1",
                                "heatpumps",
                                "mei",
                                "Useful list, thank you. Sending it to my landlord today.",
                                null)),
                List.of(
                        new View("nightbus", 6),
                        new View("solar", 4),
                        new View("library", 3),
                        new View("weather", 2),
                        new View("heatpumps", 2),
                        new View("swim", 1)),
                DemoDrafts.STORIES);
    }
}
