package io.crmkit.whatsapp.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateContentTest {
    private static final String FIRST_NAME = "#Contacts.First Name#";

    private static TemplateContent body(String body) {
        return TemplateContent.written(body, Optional.empty(), Optional.empty(), List.of());
    }

    private static Refusal refused(Runnable writing) {
        return assertThrows(Refusal.class, writing::run);
    }

    @Test
    void aBodyHasAtMost900Characters() {
        assertEquals(900, body("a".repeat(900)).body().length());
        Refusal tooLong = refused(() -> body("a".repeat(901)));
        assertEquals(ProblemCode.TEMPLATE_TOO_LONG, tooLong.code());
        assertEquals(Optional.of("body"), tooLong.field());
        assertEquals(900, body("😀".repeat(900)).body().codePointCount(0, 1800), "characters, not UTF-16 units");
    }

    @Test
    void aTemplateHasAtMostTenMergeFieldsInAll() {
        String ten = "Dear " + (FIRST_NAME + " and ").repeat(10) + "friends";
        assertEquals(10, body(ten).parameters().size());
        String elevenWithHeader = "Dear " + (FIRST_NAME + " and ").repeat(10) + "friends";
        Refusal tooMany = refused(() -> TemplateContent.written(elevenWithHeader,
                Optional.of(TemplateHeader.text("For " + FIRST_NAME)), Optional.empty(), List.of()));
        assertEquals(ProblemCode.TOO_MANY_MERGE_FIELDS, tooMany.code());
    }

    @Test
    void metaRulesForVariablesAreCheckedBeforeMetaSeesThem() {
        assertEquals(ProblemCode.INVALID_TEMPLATE, refused(() -> body(FIRST_NAME + ", your order is ready")).code());
        assertEquals(ProblemCode.INVALID_TEMPLATE, refused(() -> body("Your order is ready, " + FIRST_NAME)).code());
        assertEquals(ProblemCode.INVALID_TEMPLATE, refused(() -> body("Hi " + FIRST_NAME + " #Contacts.Last Name# !")).code());
        Refusal unknown = refused(() -> body("Hi #Contacts.Nickname# there"));
        assertEquals(ProblemCode.INVALID_TEMPLATE, unknown.code());
        assertTrue(unknown.getMessage().contains("#Contacts.Nickname# is not a merge field"), unknown.getMessage());
        assertEquals(ProblemCode.INVALID_TEMPLATE, refused(() -> body("   ")).code());
    }

    @Test
    void headerFooterAndButtonsKeepToMetasLengths() {
        TemplateContent.written("Hello", Optional.of(TemplateHeader.text("h".repeat(60))), Optional.of("f".repeat(60)),
                List.of(new TemplateButton(TemplateButton.Type.QUICK_REPLY, "b".repeat(25), Optional.empty(), Optional.empty())));
        assertEquals(Optional.of("header"), refused(() -> TemplateContent.written("Hello",
                Optional.of(TemplateHeader.text("h".repeat(61))), Optional.empty(), List.of())).field());
        assertEquals(Optional.of("header"), refused(() -> TemplateContent.written("Hello",
                Optional.of(TemplateHeader.text(FIRST_NAME + " and #Companies.Name#")), Optional.empty(), List.of())).field());
        assertEquals(Optional.of("footer"), refused(() -> TemplateContent.written("Hello", Optional.empty(),
                Optional.of("f".repeat(61)), List.of())).field());
        assertEquals(Optional.of("footer"), refused(() -> TemplateContent.written("Hello", Optional.empty(),
                Optional.of("Bye " + FIRST_NAME), List.of())).field());
        assertEquals(Optional.of("buttons[0]"), refused(() -> TemplateContent.written("Hello", Optional.empty(),
                Optional.empty(), List.of(new TemplateButton(TemplateButton.Type.QUICK_REPLY, "b".repeat(26),
                        Optional.empty(), Optional.empty())))).field());
    }

    @Test
    void buttonsFollowMetasGrouping() {
        TemplateButton reply = new TemplateButton(TemplateButton.Type.QUICK_REPLY, "Yes", Optional.empty(), Optional.empty());
        TemplateButton call = new TemplateButton(TemplateButton.Type.PHONE_NUMBER, "Call us", Optional.empty(),
                Optional.of("+81 3-1234-5678"));
        TemplateButton link = new TemplateButton(TemplateButton.Type.URL, "Track", Optional.of("https://shop.example/t/#Pipelines.Name#"),
                Optional.empty());
        TemplateContent ok = TemplateContent.written("Hello", Optional.empty(), Optional.empty(), List.of(reply, reply, call, link));
        assertEquals("+81312345678", ok.buttons().get(2).phoneNumber().orElseThrow());
        assertEquals("https://shop.example/t/{{1}}", ok.urlForMeta(3));
        assertEquals(Optional.of("buttons[2]"), refused(() -> TemplateContent.written("Hello", Optional.empty(),
                Optional.empty(), List.of(reply, call, reply))).field(), "quick replies come together");
        assertEquals(Optional.of("buttons[0]"), refused(() -> TemplateContent.written("Hello", Optional.empty(),
                Optional.empty(), List.of(new TemplateButton(TemplateButton.Type.URL, "Go",
                        Optional.of("https://shop.example/#Pipelines.Name#/track"), Optional.empty())))).field(),
                "a link's merge field only at its end");
        assertEquals(Optional.of("buttons[0]"), refused(() -> TemplateContent.written("Hello", Optional.empty(),
                Optional.empty(), List.of(new TemplateButton(TemplateButton.Type.URL, "Go", Optional.of("javascript:alert(1)"),
                        Optional.empty())))).field());
    }

    @Test
    void mergeFieldsBecomeNamedParametersWithExamples() {
        TemplateContent content = TemplateContent.written(
                "Hello " + FIRST_NAME + " of #Companies.Name#: " + FIRST_NAME + ", your order ships today.",
                Optional.of(TemplateHeader.text("Order for " + FIRST_NAME)), Optional.of("Reply STOP to opt out"), List.of());
        assertEquals("Hello {{contact_first_name}} of {{company_name}}: {{contact_first_name_2}}, your order ships today.",
                content.bodyForMeta());
        assertEquals(Optional.of("Order for {{contact_first_name}}"), content.headerForMeta());
        List<TemplateParameter> parameters = content.parameters();
        assertEquals(List.of("contact_first_name", "contact_first_name", "company_name", "contact_first_name_2"),
                parameters.stream().map(TemplateParameter::name).toList());
        assertEquals(TemplateParameter.Component.HEADER, parameters.get(0).component());
        assertEquals(Optional.of(MergeField.COMPANY_NAME), parameters.get(2).field());
        assertEquals("Example Trading", parameters.get(2).field().orElseThrow().example());
    }

    @Test
    void fillingPutsValuesInEveryPlaceAndNamesWhatIsMissing() {
        TemplateContent content = TemplateContent.written("Hello " + FIRST_NAME + " of #Companies.Name#, see you.",
                Optional.of(TemplateHeader.text("Hi " + FIRST_NAME)), Optional.of("Shop"), List.of());
        Map<MergeField, String> crm = Map.of(MergeField.CONTACT_FIRST_NAME, "花子");
        TemplateContent.Filled filled = content.fill(p -> p.field().map(crm::get));
        assertEquals(List.of("company_name"), filled.missing());
        assertEquals("Hi 花子\n\nHello 花子 of [company_name], see you.\n\nShop", filled.text());
        TemplateContent.Filled complete = content.fill(p -> Optional.of(p.name().equals("company_name") ? "  " : "Ana"));
        assertEquals(List.of("company_name"), complete.missing(), "a blank value is missing, never sent empty");
    }

    @Test
    void anImportedTemplateKeepsMetasVariablesAndFillsARepeatedOneOnce() {
        TemplateContent imported = TemplateContent.imported("Hi {{1}}, order {{2}} is ready, {{1}}.", Optional.empty(),
                Optional.empty(), List.of(new TemplateButton(TemplateButton.Type.URL, "Track",
                        Optional.of("https://shop.example/{{1}}"), Optional.empty())));
        assertEquals(List.of("body:1", "body:2", "button0.1"), imported.parameters().stream()
                .map(p -> p.component() == TemplateParameter.Component.BUTTON ? p.key() : "body:" + p.key()).toList());
        assertEquals("Hi {{1}}, order {{2}} is ready, {{1}}.", imported.bodyForMeta());
        TemplateContent.Filled filled = imported.fill(p -> Optional.of(p.name().equals("1") ? "Ana" : "A-7"));
        assertEquals("Hi Ana, order A-7 is ready, Ana.", filled.text());
        assertEquals(3, filled.parameters().size());
    }

    @Test
    void languagesAreComparedNormalisedAndNamesKeepMetasForm() {
        assertEquals("en_US", Template.normalisedLanguage("en-US"));
        assertEquals("en_US", Template.normalisedLanguage("EN_us"));
        assertEquals("ja", Template.normalisedLanguage(" ja "));
        TemplateContent content = body("Hello there");
        Template written = Template.written(1, "waba", "order_update", "en-US", TemplateCategory.UTILITY, content, 7,
                Instant.EPOCH);
        assertEquals("en_US", written.language());
        assertEquals(TemplateStatus.PENDING, written.status());
        assertEquals(Optional.of("name"), refused(() -> Template.written(1, "waba", "Order Update", "en", TemplateCategory.UTILITY,
                content, 7, Instant.EPOCH)).field());
        assertEquals(Optional.of("language"), refused(() -> Template.written(1, "waba", "order", "english",
                TemplateCategory.UTILITY, content, 7, Instant.EPOCH)).field());
        assertEquals(Optional.of("category"), refused(() -> Template.written(1, "waba", "order", "en",
                TemplateCategory.AUTHENTICATION, content, 7, Instant.EPOCH)).field());
    }

    @Test
    void reviewsMoveTheStatusAndPausesGrowLonger() {
        Template template = Template.written(1, "waba", "order", "en", TemplateCategory.MARKETING, body("Hello there"), 7,
                Instant.EPOCH);
        template.reviewed(TemplateStatus.REJECTED, Optional.of("PROMOTIONAL"), Optional.of("Remove pressure wording."),
                Instant.EPOCH);
        assertEquals(Optional.of("PROMOTIONAL"), template.statusReason());
        assertThrows(Refusal.class, template::requireSendable);
        template.reviewed(TemplateStatus.APPROVED, Optional.of("NONE"), Optional.empty(), Instant.EPOCH);
        assertEquals(Optional.empty(), template.statusReason());
        template.requireSendable();
        Instant now = Instant.parse("2026-11-30T10:00:00Z");
        template.reviewed(TemplateStatus.PAUSED, Optional.empty(), Optional.empty(), now);
        assertEquals(Optional.of(now.plusSeconds(3 * 3600)), template.pausedUntil());
        template.reviewed(TemplateStatus.PAUSED, Optional.empty(), Optional.empty(), now);
        assertEquals(Optional.of(now.plusSeconds(6 * 3600)), template.pausedUntil(), "the second pause lasts 6 hours");
        template.recategorised(TemplateCategory.UTILITY, now);
        assertEquals(Optional.of(TemplateCategory.MARKETING), template.previousCategory());
        assertEquals(TemplateStatus.APPROVED, TemplateStatus.fromMeta("REINSTATED").orElseThrow());
        assertTrue(TemplateStatus.deletedAtMeta("PENDING_DELETION"));
    }
}
