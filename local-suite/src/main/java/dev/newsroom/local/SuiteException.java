package dev.newsroom.local;

/** A problem the person starting the suite can fix; its message says how, without a stack trace. */
class SuiteException extends RuntimeException {

    SuiteException(String message) {
        super(message);
    }
}
