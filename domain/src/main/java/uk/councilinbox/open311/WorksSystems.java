package uk.councilinbox.open311;

import java.util.List;
import java.util.Optional;

/** The works systems this council sends reports to; a service goes to at most one. */
public record WorksSystems(List<WorksSystem> all) {

    public static final WorksSystems NONE = new WorksSystems(List.of());

    public WorksSystems {
        all = List.copyOf(all);
        for (WorksSystem a : all) {
            for (WorksSystem b : all) {
                if (a != b && a.serviceCodes().keySet().stream().anyMatch(b.serviceCodes()::containsKey)) {
                    throw new IllegalArgumentException("a service goes to one works system: " + a.name() + " and " + b.name() + " share one");
                }
            }
        }
    }

    public Optional<WorksSystem> forService(Optional<String> service) {
        return all.stream().filter(s -> s.takes(service)).findFirst();
    }

    public Optional<WorksSystem> named(String name) {
        return all.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
