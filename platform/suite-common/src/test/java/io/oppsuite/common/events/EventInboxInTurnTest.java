package io.oppsuite.common.events;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A poll's events are applied one after the other, in order, however many there are. */
class EventInboxInTurnTest {

    @Test
    void stepsRunInOrderForAPollOfAnySize() {
        // far more than max.poll.records: a chain of that many Unis would be subscribed recursively and
        // overflow the stack (which left a batch of 500 hanging, unacknowledged, after a broker restart)
        List<Integer> items = IntStream.range(0, 200_000).boxed().toList();
        List<Integer> seen = new ArrayList<>();
        EventInbox.inTurn(items, i -> Uni.createFrom().voidItem().invoke(() -> seen.add(i))).await().indefinitely();
        assertEquals(items, seen);
    }
}
