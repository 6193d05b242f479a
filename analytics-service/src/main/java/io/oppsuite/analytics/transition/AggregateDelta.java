package io.oppsuite.analytics.transition;

import io.oppsuite.analytics.transition.Contribution.OpenDeal;
import io.oppsuite.analytics.transition.Contribution.StageFact;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The change to the precomputed aggregates when one opportunity's contribution goes from
 * {@code before} to {@code after}: subtract the old, add the new. Zero changes are dropped.
 */
public record AggregateDelta(List<Stage> stages, List<Process> processes, List<Money> money) {

    /** {@code money_aggregate}'s measures: a stage's forecast, the won amount, a weighted pipeline group ("pipeline:" + dimension). */
    public static final String MONEY_STAGE = "stage";
    public static final String MONEY_WON = "won";
    public static final String MONEY_PIPELINE = "pipeline:";

    public static final String BY_STAGE = "stage";
    public static final String BY_OWNER = "owner";
    public static final String BY_CLOSE_MONTH = "closeMonth";
    /** Group key for open deals without an owner or close date. */
    public static final String NONE_KEY = "(none)";

    public record Stage(String salesProcessId, String stageKey, long total, BigDecimal amount, long closedMillis,
                        long openStays, long openSinceSum, long transitioned, long retained, long lost) {
        boolean isZero() {
            return total == 0 && amount.signum() == 0 && closedMillis == 0 && openStays == 0 && openSinceSum == 0
                    && transitioned == 0 && retained == 0 && lost == 0;
        }

        Stage plus(Stage o) {
            return new Stage(salesProcessId, stageKey, total + o.total, amount.add(o.amount), closedMillis + o.closedMillis,
                    openStays + o.openStays, openSinceSum + o.openSinceSum, transitioned + o.transitioned,
                    retained + o.retained, lost + o.lost);
        }
    }

    public record Process(String salesProcessId, long wonCount, BigDecimal wonAmount, long wonCycleMillis) {
        boolean isZero() {
            return wonCount == 0 && wonAmount.signum() == 0 && wonCycleMillis == 0;
        }

        Process plus(Process o) {
            return new Process(salesProcessId, wonCount + o.wonCount, wonAmount.add(o.wonAmount), wonCycleMillis + o.wonCycleMillis);
        }
    }

    /**
     * Amounts of one group in one currency ({@code money_aggregate}).
     *
     * @param rateDate the day (ISO) whose rate converts them (a Won amount: its won day); null: the report's date
     */
    public record Money(String salesProcessId, String measure, String groupKey, String currency, String rateDate, long opportunities,
                        BigDecimal amount, BigDecimal weightedAmount) {
        boolean isZero() {
            return opportunities == 0 && amount.signum() == 0 && weightedAmount.signum() == 0;
        }

        Money plus(Money o) {
            return new Money(salesProcessId, measure, groupKey, currency, rateDate, opportunities + o.opportunities,
                    amount.add(o.amount), weightedAmount.add(o.weightedAmount));
        }

        List<String> key() {
            return java.util.Arrays.asList(salesProcessId, measure, groupKey, currency, rateDate);
        }
    }

    public static AggregateDelta between(Contribution before, Contribution after) {
        Map<List<String>, Stage> stages = new LinkedHashMap<>();
        addStages(stages, before, -1);
        addStages(stages, after, +1);
        List<Stage> stageDeltas = stages.values().stream().filter(s -> !s.isZero()).toList();

        Map<String, Process> processes = new LinkedHashMap<>();
        addWon(processes, before, -1);
        addWon(processes, after, +1);
        List<Process> processDeltas = processes.values().stream().filter(p -> !p.isZero()).toList();

        Map<List<String>, Money> money = new LinkedHashMap<>();
        addMoney(money, before, -1);
        addMoney(money, after, +1);
        return new AggregateDelta(stageDeltas, processDeltas, money.values().stream().filter(m -> !m.isZero()).toList());
    }

    public static final AggregateDelta NONE = new AggregateDelta(List.of(), List.of(), List.of());

    /** The two changes together (as applying one after the other), zero sums dropped. */
    public AggregateDelta plus(AggregateDelta other) {
        Map<List<String>, Stage> stageSum = new LinkedHashMap<>();
        for (Stage s : concat(stages, other.stages)) {
            stageSum.merge(List.of(s.salesProcessId(), s.stageKey()), s, Stage::plus);
        }
        Map<String, Process> processSum = new LinkedHashMap<>();
        for (Process p : concat(processes, other.processes)) {
            processSum.merge(p.salesProcessId(), p, Process::plus);
        }
        Map<List<String>, Money> moneySum = new LinkedHashMap<>();
        for (Money m : concat(money, other.money)) {
            moneySum.merge(m.key(), m, Money::plus);
        }
        return new AggregateDelta(stageSum.values().stream().filter(s -> !s.isZero()).toList(),
                processSum.values().stream().filter(p -> !p.isZero()).toList(),
                moneySum.values().stream().filter(m -> !m.isZero()).toList());
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    public boolean isEmpty() {
        return stages.isEmpty() && processes.isEmpty() && money.isEmpty();
    }

    private static void addStages(Map<List<String>, Stage> into, Contribution c, int sign) {
        for (StageFact f : c.stages()) {
            Stage s = new Stage(c.salesProcessId(), f.stageKey(), sign, f.forecast().multiply(BigDecimal.valueOf(sign)),
                    sign * f.closedMillis(), f.openSinceMillis() == null ? 0 : sign,
                    f.openSinceMillis() == null ? 0 : sign * f.openSinceMillis(),
                    f.outcome() == Contribution.Outcome.TRANSITIONED ? sign : 0,
                    f.outcome() == Contribution.Outcome.RETAINED ? sign : 0,
                    f.outcome() == Contribution.Outcome.LOST ? sign : 0);
            into.merge(List.of(c.salesProcessId(), f.stageKey()), s, Stage::plus);
        }
    }

    private static void addWon(Map<String, Process> into, Contribution c, int sign) {
        if (c.won() == null) {
            return;
        }
        BigDecimal s = BigDecimal.valueOf(sign);
        Process p = new Process(c.salesProcessId(), sign, c.won().amount().multiply(s), sign * c.won().cycleMillis());
        into.merge(c.salesProcessId(), p, Process::plus);
    }

    private static void addMoney(Map<List<String>, Money> into, Contribution c, int sign) {
        BigDecimal s = BigDecimal.valueOf(sign);
        for (StageFact f : c.stages()) {
            put(into, new Money(c.salesProcessId(), MONEY_STAGE, f.stageKey(), f.currency(), f.wonOn(), sign, f.forecast().multiply(s),
                    BigDecimal.ZERO));
        }
        if (c.won() != null) {
            put(into, new Money(c.salesProcessId(), MONEY_WON, "", c.won().currency(), OpportunityTimeline.day(c.won().wonAtMillis()),
                    sign, c.won().amount().multiply(s), BigDecimal.ZERO));
        }
        OpenDeal open = c.open();
        if (open != null) {
            for (String[] group : new String[][]{{BY_STAGE, open.stageKey()}, {BY_OWNER, open.ownerId()}, {BY_CLOSE_MONTH, open.closeMonth()}}) {
                put(into, new Money(c.salesProcessId(), MONEY_PIPELINE + group[0], Objects.requireNonNullElse(group[1], NONE_KEY),
                        open.currency(), null, sign, open.amount().multiply(s), open.weightedAmount().multiply(s)));
            }
        }
    }

    private static void put(Map<List<String>, Money> into, Money m) {
        into.merge(m.key(), m, Money::plus);
    }
}
