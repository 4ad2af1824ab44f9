package uk.councilinbox.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ServicesTest {

    private final Services services = Services.fromClasspath();

    @Test
    void theDefaultListHasDomainsServicesInOrderAndBinsAreTheDistrictsInATwoTierArea() {
        assertEquals(List.of("potholes", "street_lighting", "drainage_flooding", "signs_markings_signals", "trees_vegetation", "winter_ice_snow",
                "fly_tipping_litter", "graffiti", "obstructions_vehicles", "dead_animals", "waste_collection", "other_fault"),
                services.all().stream().map(Service::code).toList());
        assertEquals(Category.POTHOLE_REPORT, services.find("potholes").orElseThrow().category());
        assertEquals(Category.FAULT_REPORT, services.find("dead_animals").orElseThrow().category());
        Service bins = services.find("waste_collection").orElseThrow();
        assertFalse(bins.handledHere());
        assertEquals("https://www.gov.uk/find-local-council", bins.elsewhere().orElseThrow().link());
        assertTrue(services.all().stream().filter(s -> !s.code().equals("waste_collection")).allMatch(Service::handledHere));
    }

    @Test
    void aReportGoesToTheServiceNamedWhenItFitsItsCategoryElseToTheCategorysCatchAll() {
        assertEquals("street_lighting", code(Category.FAULT_REPORT, Optional.of("street_lighting")));
        assertEquals("other_fault", code(Category.FAULT_REPORT, Optional.empty()));
        assertEquals("other_fault", code(Category.FAULT_REPORT, Optional.of("potholes")), "a pothole service is not a fault report's");
        assertEquals("other_fault", code(Category.FAULT_REPORT, Optional.of("no_such_service")));
        assertEquals("potholes", code(Category.POTHOLE_REPORT, Optional.of("graffiti")));
        assertEquals(Optional.empty(), services.forReport(Category.QUERY, Optional.of("street_lighting")), "only reports have services");
    }

    @Test
    void aCouncilsListIsCheckedWhenItIsRead() {
        Properties p = new Properties();
        p.setProperty("services", "potholes,other_fault,waste_collection");
        for (String code : List.of("potholes", "other_fault", "waste_collection")) {
            p.setProperty(code + ".name", code);
            p.setProperty(code + ".problem", code);
            p.setProperty(code + ".team", "highways");
        }
        p.setProperty("waste_collection.elsewhere.body", "Stafford Borough Council");
        IllegalArgumentException noLink = assertThrows(IllegalArgumentException.class, () -> Services.parse(p));
        assertTrue(noLink.getMessage().contains("waste_collection.elsewhere.link is required"), noLink.getMessage());

        p.setProperty("services", "potholes,waste_collection");
        p.setProperty("waste_collection.elsewhere.link", "https://www.staffordbc.gov.uk/bins");
        IllegalArgumentException noCatchAll = assertThrows(IllegalArgumentException.class, () -> Services.parse(p));
        assertTrue(noCatchAll.getMessage().contains("other_fault"), noCatchAll.getMessage());

        p.setProperty("services", "potholes,other_fault,waste_collection");
        assertEquals("Stafford Borough Council", Services.parse(p).find("waste_collection").orElseThrow().elsewhere().orElseThrow().body());
    }

    private String code(Category category, Optional<String> named) {
        return services.forReport(category, named).orElseThrow().code();
    }
}
