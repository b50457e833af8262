package dev.newsroom.assistant;

/** Articles written for these tests, with questions whose answering passage is known. */
public final class SampleArticles {

    private SampleArticles() {}

    public static final String BRIDGE_TITLE = "Harbour bridge reopens after two-year repair";

    public static final String BRIDGE = """
            The Kestrel Harbour bridge reopened to traffic on Monday morning, two years after engineers \
            closed it when cracks were found in its steel cables.

            ## The bill

            The repair cost 48 million euros, most of it paid by the regional government. The city council \
            covered the remaining 6 million from its road maintenance budget.

            Engineers replaced all 112 cables and strengthened the foundations of the northern tower. The \
            chief engineer, Marta Olsen, said the bridge should now last another eighty years.

            During the closure, a ferry service carried commuters across the harbour. Ridership peaked at \
            9,000 passengers a day in the summer of the first year.

            Cyclists will get a separate lane on the eastern side from next spring. Until then, bicycles \
            share the footpath with pedestrians.
            """;

    public static final String LIBRARY_TITLE = "Library stays open late for exam season";

    public static final String LIBRARY = """
            From next week the central library on Brook Street will stay open until midnight on weekdays, \
            the city's culture department announced on Thursday.

            The longer hours run for six weeks, until the end of the university exam period in June. \
            Weekend hours stay the same, from 10 am to 6 pm.

            Students asked for the change in a petition signed by more than 3,000 people. Librarians said \
            the reading rooms were full by nine o'clock most mornings last year.

            Two extra security guards will work the late shifts. The café on the ground floor will close at \
            8 pm as usual.

            The department has not decided whether the longer hours will become permanent. A decision is \
            expected in the autumn, after a review of visitor numbers.
            """;

    public static final String MARATHON_TITLE = "Rain delays the marathon";

    /** One paragraph: every term is in every passage, so BM25's raw scores are tiny here. */
    public static final String MARATHON = "The city marathon was moved from Sunday to the following Saturday because "
            + "heavy rain flooded parts of the route along the river.";
}
