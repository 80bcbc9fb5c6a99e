package io.crmkit.whatsapp.application.inbound;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CustomerNumbersTest {

    @Test
    void aBrazilianMobileIsTheSamePersonWithOrWithoutTheNinthDigit() {
        assertEquals(List.of("+5511987654321", "+551187654321"), CustomerNumbers.candidates("5511987654321"));
        assertEquals(List.of("+551187654321", "+5511987654321"), CustomerNumbers.candidates("551187654321"));
    }

    @Test
    void aMexicanMobileIsTheSamePersonWithOrWithoutTheOneAfterTheCountryCode() {
        assertEquals(List.of("+5215512345678", "+525512345678"), CustomerNumbers.candidates("5215512345678"));
        assertEquals(List.of("+525512345678", "+5215512345678"), CustomerNumbers.candidates("525512345678"));
    }

    @Test
    void otherNumbersHaveOneForm() {
        assertEquals(List.of("+819012345678"), CustomerNumbers.candidates("819012345678"));
        assertEquals(List.of("+14155550123"), CustomerNumbers.candidates("+1 415-555-0123"));
    }
}
