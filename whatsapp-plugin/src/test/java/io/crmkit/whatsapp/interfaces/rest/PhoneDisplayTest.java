package io.crmkit.whatsapp.interfaces.rest;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PhoneDisplayTest {

    @Test
    void numbersAreWrittenAsTheirCountryWritesThem() {
        assertEquals("+81 90-1234-5678", PhoneDisplay.of("+819012345678"));
        assertEquals("+44 7700 900123", PhoneDisplay.of("+447700900123"));
        assertEquals("+971 50 123 4567", PhoneDisplay.of("+971501234567"));
        assertEquals("+1 415-555-0100", PhoneDisplay.of("+14155550100"));
    }

    @Test
    void aNumberThePhoneLibraryCannotReadIsShownAsItIs() {
        assertEquals("+1234567890123456789012345", PhoneDisplay.of("+1234567890123456789012345"));
        assertEquals("not a number", PhoneDisplay.of("not a number"));
    }
}
