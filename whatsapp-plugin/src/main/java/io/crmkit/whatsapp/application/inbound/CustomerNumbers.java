package io.crmkit.whatsapp.application.inbound;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The E.164 numbers under which a WhatsApp customer may already be a contact. WhatsApp writes Brazilian
 * mobiles with or without the ninth digit and Mexican mobiles with or without the "1" after the country
 * code; both forms are the same person.
 */
public final class CustomerNumbers {
    private CustomerNumbers() {
    }

    /** The number as WhatsApp gave it (digits of a wa_id) first, then its equivalent forms. */
    public static List<String> candidates(String waId) {
        String digits = waId.replaceAll("[^0-9]", "");
        Set<String> forms = new LinkedHashSet<>();
        forms.add("+" + digits);
        if (digits.startsWith("55") && digits.length() == 13 && digits.charAt(4) == '9') {
            forms.add("+" + digits.substring(0, 4) + digits.substring(5));
        } else if (digits.startsWith("55") && digits.length() == 12) {
            forms.add("+" + digits.substring(0, 4) + "9" + digits.substring(4));
        }
        if (digits.startsWith("521") && digits.length() == 13) {
            forms.add("+52" + digits.substring(3));
        } else if (digits.startsWith("52") && digits.length() == 12) {
            forms.add("+521" + digits.substring(2));
        }
        return List.copyOf(forms);
    }
}
