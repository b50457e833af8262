package dev.newsroom.local;

/** A problem the person starting the suite can fix; its message says how, without a stack trace. */
class SuiteException extends RuntimeException {

    SuiteException(String message) {
        super(message);
    }

    /** The command line asked for something the suite cannot do: nothing is started, and the exit status is 2. */
    static final class Usage extends SuiteException {

        Usage(String message) {
            super(message);
        }
    }
}
