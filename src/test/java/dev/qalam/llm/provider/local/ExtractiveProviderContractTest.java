package dev.qalam.llm.provider.local;

import dev.qalam.llm.provider.ChatProvider;
import dev.qalam.llm.provider.ChatProviderContract;
import dev.qalam.llm.provider.ProviderTarget;

/** {@code local/extractive} passes the contract of every adapter: it answers from the request it was given. */
class ExtractiveProviderContractTest extends ChatProviderContract {

    @Override
    protected ChatProvider provider() {
        return new ExtractiveProvider();
    }

    @Override
    protected ProviderTarget target() {
        return new ProviderTarget("local", "extractive", "", "");
    }

    @Override
    protected void willAnswer(boolean stream) {
        // In process: it always answers.
    }

    /** It quotes the passages of its context that answer the question: the context it was given shows there. */
    @Override
    protected String whatTheModelReceived(String answer) {
        return answer;
    }
}
