package io.crmkit.whatsapp.domain;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a template says: its body, and optionally a header, a footer and buttons.
 *
 * <p>A template written in the plugin holds merge fields ({@code #Contacts.First Name#}); it is checked against the
 * plugin's limits and Meta's rules by {@link #written}, and each merge field becomes a named parameter of Meta's
 * ({@code {{contact_first_name}}}). Named rather than positional parameters, because Meta's screens then show what
 * each variable is, a send names every value so that no edit can put a company name where the first name was, and a
 * 132000 refusal points at a name. A template imported from Meta keeps Meta's {@code {{…}}} variables as they are.
 */
public record TemplateContent(String body, Optional<TemplateHeader> header, Optional<String> footer,
                              List<TemplateButton> buttons, Syntax syntax) {
    public static final int BODY_MAX = 900;
    public static final int MERGE_FIELDS_MAX = 10;
    public static final int FOOTER_MAX = 60;
    public static final int BUTTONS_MAX = 10;
    private static final Pattern MERGE_FIELD = Pattern.compile("#[^#\\n]{1,60}#");
    private static final Pattern META_VARIABLE = Pattern.compile("\\{\\{\\s*([a-z0-9_]+)\\s*}}");
    private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{6,14}");

    /** How a text writes its variables. */
    public enum Syntax {
        /** {@code #Module.Field#}: written in the plugin. */
        MERGE_FIELDS,
        /** Meta's {@code {{name}}} or {@code {{1}}}: imported from Meta. */
        META
    }

    public TemplateContent {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(footer, "footer");
        buttons = List.copyOf(buttons);
        Objects.requireNonNull(syntax, "syntax");
    }

    /**
     * A template as an administrator wrote it, checked before anything is saved or sent to Meta.
     *
     * @throws Refusal {@code TEMPLATE_TOO_LONG}, {@code TOO_MANY_MERGE_FIELDS}, or {@code INVALID_TEMPLATE} naming the
     *                 field at fault
     */
    public static TemplateContent written(String body, Optional<TemplateHeader> header, Optional<String> footer,
                                          List<TemplateButton> buttons) {
        String text = body == null ? "" : body.strip();
        TemplateContent content = new TemplateContent(text, header.map(TemplateContent::stripped),
                footer.map(String::strip).filter(f -> !f.isEmpty()), buttons.stream().map(TemplateContent::stripped).toList(),
                Syntax.MERGE_FIELDS);
        content.check();
        return content;
    }

    /** A template as Meta lists it; Meta checked it, and the plugin's limits are for templates written here. */
    public static TemplateContent imported(String body, Optional<TemplateHeader> header, Optional<String> footer,
                                           List<TemplateButton> buttons) {
        return new TemplateContent(body, header, footer, buttons, Syntax.META);
    }

    private void check() {
        if (body.isEmpty()) {
            throw invalid("body", RefusalText.TEMPLATE_BODY_REQUIRED);
        }
        if (length(body) > BODY_MAX) {
            throw Refusal.of(ProblemCode.TEMPLATE_TOO_LONG, "body", RefusalText.TEMPLATE_TOO_LONG, BODY_MAX, length(body));
        }
        List<Variable> bodyVariables = mergeFields("body", body);
        Variable first = bodyVariables.isEmpty() ? null : bodyVariables.get(0);
        Variable last = bodyVariables.isEmpty() ? null : bodyVariables.get(bodyVariables.size() - 1);
        if (first != null && (first.start() == 0 || last.end() == body.length())) {
            throw invalid("body", RefusalText.TEMPLATE_VARIABLE_AT_EDGE);
        }
        for (int i = 1; i < bodyVariables.size(); i++) {
            if (body.substring(bodyVariables.get(i - 1).end(), bodyVariables.get(i).start()).isBlank()) {
                throw invalid("body", RefusalText.TEMPLATE_ADJACENT_VARIABLES, bodyVariables.get(i - 1).token(),
                        bodyVariables.get(i).token());
            }
        }
        int variables = bodyVariables.size();
        if (header.isPresent()) {
            variables += checkHeader(header.get());
        }
        if (footer.isPresent()) {
            if (length(footer.get()) > FOOTER_MAX) {
                throw invalid("footer", RefusalText.TEMPLATE_PART_TOO_LONG, "footer", FOOTER_MAX);
            }
            if (MERGE_FIELD.matcher(footer.get()).find()) {
                throw invalid("footer", RefusalText.TEMPLATE_FOOTER_VARIABLE);
            }
        }
        variables += checkButtons();
        if (variables > MERGE_FIELDS_MAX) {
            throw Refusal.of(ProblemCode.TOO_MANY_MERGE_FIELDS, "body", RefusalText.TOO_MANY_MERGE_FIELDS,
                    MERGE_FIELDS_MAX, variables);
        }
    }

    private static int checkHeader(TemplateHeader header) {
        if (header.format() != TemplateHeader.Format.TEXT) {
            if (header.sampleHandle().isEmpty()) {
                throw invalid("header", RefusalText.TEMPLATE_HEADER_SAMPLE_REQUIRED);
            }
            return 0;
        }
        String text = header.text().orElse("");
        if (text.isEmpty()) {
            throw invalid("header", RefusalText.REQUIRED, "header.text");
        }
        if (length(text) > TemplateHeader.TEXT_MAX) {
            throw invalid("header", RefusalText.TEMPLATE_PART_TOO_LONG, "header", TemplateHeader.TEXT_MAX);
        }
        int variables = mergeFields("header", text).size();
        if (variables > 1) {
            throw invalid("header", RefusalText.TEMPLATE_HEADER_VARIABLES);
        }
        return variables;
    }

    private int checkButtons() {
        if (buttons.size() > BUTTONS_MAX) {
            throw invalid("buttons", RefusalText.TEMPLATE_TOO_MANY_BUTTONS, BUTTONS_MAX);
        }
        int variables = 0;
        boolean quickRepliesEnded = false;
        boolean previousWasQuickReply = false;
        for (int i = 0; i < buttons.size(); i++) {
            TemplateButton button = buttons.get(i);
            String field = "buttons[" + i + "]";
            if (button.text().isEmpty() || length(button.text()) > TemplateButton.TEXT_MAX) {
                throw invalid(field, RefusalText.TEMPLATE_BUTTON_TEXT, TemplateButton.TEXT_MAX);
            }
            boolean quickReply = button.type() == TemplateButton.Type.QUICK_REPLY;
            if (quickReply && quickRepliesEnded) {
                throw invalid(field, RefusalText.TEMPLATE_QUICK_REPLIES_APART);
            }
            quickRepliesEnded |= previousWasQuickReply && !quickReply;
            previousWasQuickReply = quickReply;
            switch (button.type()) {
                case URL -> variables += checkUrl(field, button.url().orElse(""));
                case PHONE_NUMBER -> {
                    if (!PHONE.matcher(button.phoneNumber().orElse("")).matches()) {
                        throw invalid(field, RefusalText.TEMPLATE_BUTTON_PHONE);
                    }
                }
                case QUICK_REPLY -> {
                }
            }
        }
        if (count(TemplateButton.Type.URL) > 2 || count(TemplateButton.Type.PHONE_NUMBER) > 1) {
            throw invalid("buttons", RefusalText.TEMPLATE_BUTTON_KINDS);
        }
        return variables;
    }

    private static int checkUrl(String field, String url) {
        List<Variable> variables = mergeFields(field, url);
        if (variables.size() > 1 || (variables.size() == 1 && variables.get(0).end() != url.length())) {
            throw invalid(field, RefusalText.TEMPLATE_URL_VARIABLE);
        }
        String fixedPart = variables.isEmpty() ? url : url.substring(0, variables.get(0).start());
        try {
            URI address = URI.create(fixedPart);
            if (!("https".equals(address.getScheme()) || "http".equals(address.getScheme())) || address.getHost() == null) {
                throw invalid(field, RefusalText.TEMPLATE_BUTTON_URL);
            }
        } catch (IllegalArgumentException notAUrl) {
            throw invalid(field, RefusalText.TEMPLATE_BUTTON_URL);
        }
        return variables.size();
    }

    private long count(TemplateButton.Type type) {
        return buttons.stream().filter(button -> button.type() == type).count();
    }

    /** Every variable of the template, header first, then the body's and the buttons', each once, in text order. */
    public List<TemplateParameter> parameters() {
        List<TemplateParameter> parameters = new ArrayList<>();
        header.flatMap(TemplateHeader::text).ifPresent(text ->
                parameters.addAll(distinct(TemplateParameter.Component.HEADER, 0, text)));
        parameters.addAll(distinct(TemplateParameter.Component.BODY, 0, body));
        for (int i = 0; i < buttons.size(); i++) {
            int index = i;
            buttons.get(i).url().ifPresent(url -> parameters.addAll(distinct(TemplateParameter.Component.BUTTON, index, url)));
        }
        return parameters;
    }

    private List<TemplateParameter> distinct(TemplateParameter.Component component, int buttonIndex, String text) {
        Map<String, TemplateParameter> byName = new LinkedHashMap<>();
        occurrences(component, buttonIndex, text).forEach(parameter -> byName.putIfAbsent(parameter.name(), parameter));
        return List.copyOf(byName.values());
    }

    /**
     * The parameter of each variable of a text, in order. A merge field's parameter has the field's own name,
     * numbered from its second use in the same part on ({@code contact_first_name_2}); a URL's variable is Meta's
     * {@code 1}; an imported template's variables keep Meta's names, a repeated one being one parameter.
     */
    private List<TemplateParameter> occurrences(TemplateParameter.Component component, int buttonIndex, String text) {
        Map<String, Integer> uses = new HashMap<>();
        return variablesOf(text).stream().map(variable -> {
            if (syntax == Syntax.META) {
                return new TemplateParameter(component, buttonIndex, variable.metaName(), Optional.empty());
            }
            String name = component == TemplateParameter.Component.BUTTON ? "1" : variable.metaName();
            int use = uses.merge(name, 1, Integer::sum);
            return new TemplateParameter(component, buttonIndex, use == 1 ? name : name + "_" + use, variable.field());
        }).toList();
    }

    /** The header text as Meta receives it, each variable as its named parameter. */
    public Optional<String> headerForMeta() {
        return header.flatMap(TemplateHeader::text).map(text -> forMeta(text, TemplateParameter.Component.HEADER, 0));
    }

    public String bodyForMeta() {
        return forMeta(body, TemplateParameter.Component.BODY, 0);
    }

    /** A URL button's address as Meta receives it: its variable as {@code {{1}}}. */
    public String urlForMeta(int buttonIndex) {
        return forMeta(buttons.get(buttonIndex).url().orElse(""), TemplateParameter.Component.BUTTON, buttonIndex);
    }

    private String forMeta(String text, TemplateParameter.Component component, int buttonIndex) {
        return syntax == Syntax.META ? text : replaced(text, component, buttonIndex, parameter -> "{{" + parameter.name() + "}}");
    }

    /**
     * The template filled: every parameter's value, and the text the customer will read.
     *
     * @param valueOf a parameter's value, empty when there is none (the parameter is then {@code missing})
     */
    public Filled fill(Function<TemplateParameter, Optional<String>> valueOf) {
        Map<String, FilledParameter> values = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (TemplateParameter parameter : parameters()) {
            Optional<String> value = valueOf.apply(parameter).map(String::strip).filter(v -> !v.isEmpty());
            if (value.isEmpty()) {
                missing.add(parameter.key());
            }
            values.put(parameter.key(), new FilledParameter(parameter, value.orElse("")));
        }
        Function<TemplateParameter, String> shown = parameter -> {
            String value = values.get(parameter.key()).value();
            return value.isEmpty() ? "[" + parameter.key() + "]" : value;
        };
        StringBuilder text = new StringBuilder();
        header.flatMap(TemplateHeader::text).ifPresent(headerText -> text.append(
                replaced(headerText, TemplateParameter.Component.HEADER, 0, shown)).append("\n\n"));
        text.append(replaced(body, TemplateParameter.Component.BODY, 0, shown));
        footer.ifPresent(footerText -> text.append("\n\n").append(footerText));
        return new Filled(text.toString(), List.copyOf(values.values()), List.copyOf(missing));
    }

    /**
     * A template with its values.
     *
     * @param text    what the customer reads: the header, body and footer with the values in place (a missing
     *                value shows as its {@code [key]})
     * @param missing the {@link TemplateParameter#key() keys} of parameters without a value
     */
    public record Filled(String text, List<FilledParameter> parameters, List<String> missing) {
    }

    public record FilledParameter(TemplateParameter parameter, String value) {
    }

    private record Variable(int start, int end, String token, Optional<MergeField> field, String metaName) {
    }

    private List<Variable> variablesOf(String text) {
        return syntax == Syntax.META ? metaVariables(text) : mergeFields("body", text);
    }

    private static List<Variable> metaVariables(String text) {
        List<Variable> found = new ArrayList<>();
        Matcher matcher = META_VARIABLE.matcher(text);
        while (matcher.find()) {
            found.add(new Variable(matcher.start(), matcher.end(), matcher.group(), Optional.empty(), matcher.group(1)));
        }
        return found;
    }

    /** The merge fields of a text in order; an unknown {@code #…#} is refused, naming the request field. */
    private static List<Variable> mergeFields(String requestField, String text) {
        List<Variable> found = new ArrayList<>();
        Matcher matcher = MERGE_FIELD.matcher(text);
        while (matcher.find()) {
            MergeField field = MergeField.ofToken(matcher.group()).orElseThrow(() -> invalid(requestField,
                    RefusalText.NOT_A_MERGE_FIELD, matcher.group(), String.join(", ", MergeField.tokens())));
            found.add(new Variable(matcher.start(), matcher.end(), matcher.group(), Optional.of(field), field.parameterName()));
        }
        return found;
    }

    /** The text with each variable replaced by what {@code replacement} makes of its parameter. */
    private String replaced(String text, TemplateParameter.Component component, int buttonIndex,
                            Function<TemplateParameter, String> replacement) {
        List<Variable> variables = variablesOf(text);
        List<TemplateParameter> parameters = occurrences(component, buttonIndex, text);
        StringBuilder replaced = new StringBuilder();
        int from = 0;
        for (int i = 0; i < variables.size(); i++) {
            replaced.append(text, from, variables.get(i).start()).append(replacement.apply(parameters.get(i)));
            from = variables.get(i).end();
        }
        return replaced.append(text.substring(from)).toString();
    }

    private static TemplateHeader stripped(TemplateHeader header) {
        return new TemplateHeader(header.format(), header.text().map(String::strip), header.sampleHandle(), header.sampleName());
    }

    private static TemplateButton stripped(TemplateButton button) {
        return new TemplateButton(button.type(), button.text().strip(), button.url().map(String::strip),
                button.phoneNumber().map(number -> number.replaceAll("[\\s()-]", "")));
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    private static Refusal invalid(String field, RefusalText text, Object... arguments) {
        return Refusal.of(ProblemCode.INVALID_TEMPLATE, field, text, arguments);
    }
}
