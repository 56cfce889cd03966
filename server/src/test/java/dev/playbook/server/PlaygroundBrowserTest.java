package dev.playbook.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The playground in headless Chromium (Debian's chromium and chromium-driver, installed by
 * .ci/run): load the page, introduce an error, see the located problem, fix it, see the result
 * change, in English and Chinese; run the rule tests, see a failing case, fix it, see it pass.
 * Screenshots go to target/screenshots, and each one's path is printed.
 */
class PlaygroundBrowserTest {

  private static final Path SHOTS = Path.of("target", "screenshots");

  static PlaybookServer server;
  static ChromeDriver browser;
  static WebDriverWait wait;

  @BeforeAll
  static void start() throws Exception {
    server = PlaybookServer.builder().builtIn("meddic").port(0).start();
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  private static void shoot(String name) throws Exception {
    Path file = SHOTS.resolve(name + ".png");
    Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    System.out.println("screenshot: " + file.toAbsolutePath());
  }

  private static void type(String id, String text) {
    WebElement area = browser.findElement(By.id(id));
    browser.executeScript("arguments[0].value = arguments[1];", area, text);
    area.sendKeys(" "); // a real keystroke fires the input event
  }

  private static String playbook(WebDriver b) {
    return b.findElement(By.id("playbook")).getAttribute("value");
  }

  @Test
  void playground_errorIsShownAtItsLine_andTheFixChangesTheResult() throws Exception {
    // given: the page with its sample playbook, which loads
    browser.get(server.uri().toString());
    wait.until(ExpectedConditions.textToBe(By.id("status"), "No problems"));
    String sample = playbook(browser);
    shoot("1-loaded");

    // when: a misspelt field
    type("playbook", sample.replace("    gap:", "    gapp:"));

    // then: the located problem
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#problems li"), 1));
    List<WebElement> problems = browser.findElements(By.cssSelector("#problems li"));
    assertThat(problems.get(0).getText())
        .startsWith("playground.yaml:8:5: unknown-field: 'gapp' is not a field of a rule");
    assertThat(problems.get(0).getAttribute("data-line")).isEqualTo("8");
    shoot("2-problem");

    // and evaluating says to fix it first
    browser.findElement(By.id("evaluate")).click();
    wait.until(
        ExpectedConditions.textToBe(By.id("status"), "Fix the problems in the playbook first"));

    // when: fixed, and evaluated
    type("playbook", sample);
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#problems li"), 0));
    browser.findElement(By.id("evaluate")).click();

    // then: the gap, the action and the explanation of the deal
    wait.until(ExpectedConditions.textToBe(By.id("status"), "Evaluated: D-1"));
    assertThat(browser.findElement(By.id("gaps")).getText())
        .isEqualTo("high playground.eb: Northwind has no economic buyer");
    assertThat(browser.findElement(By.id("actions")).getText())
        .isEqualTo("90 Ask the champion for an introduction (due 2026-11-23)");
    assertThat(browser.findElement(By.id("explanations")).getText())
        .startsWith(
            "playground.eb fired: stage >= proposal and none(contacts, role == economic_buyer)");
    shoot("3-evaluated");

    // when: in Chinese
    new Select(browser.findElement(By.id("locale"))).selectByValue("zh-CN");
    browser.findElement(By.id("evaluate")).click();

    // then
    wait.until(ExpectedConditions.textToBe(By.id("status"), "已评估: D-1"));
    assertThat(browser.findElement(By.id("gaps")).getText())
        .isEqualTo("high playground.eb: Northwind 没有经济决策人");
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("规则手册试验场");
    shoot("4-chinese");
  }

  @Test
  void playground_runTests_showsTheFailingCase_andThePassOnceTheRuleIsFixed() throws Exception {
    // given: the page with its sample playbook and rule tests, which pass
    browser.get(server.uri().toString());
    wait.until(ExpectedConditions.textToBe(By.id("status"), "No problems"));
    String sample = playbook(browser);
    browser.findElement(By.id("run-tests")).click();
    wait.until(ExpectedConditions.textToBe(By.id("tests-status"), "2 passed, 0 failed, 0 skipped"));
    assertThat(browser.findElement(By.id("test-results")).getText())
        .isEqualTo(
            "PASS playground.test.yaml:3: no economic buyer at proposal\n"
                + "PASS playground.test.yaml:6: economic buyer known");

    // when: the rule is changed so that it no longer fires at proposal
    type("playbook", sample.replace("stage >= proposal", "stage >= negotiation"));
    browser.findElement(By.id("run-tests")).click();

    // then: the failing case at its line, with what was expected and what happened
    wait.until(ExpectedConditions.textToBe(By.id("tests-status"), "1 passed, 1 failed, 0 skipped"));
    assertThat(browser.findElement(By.id("test-results")).getText())
        .isEqualTo(
            "FAIL playground.test.yaml:3: no economic buyer at proposal\n"
                + "expected playground.eb to fire, but it did not (no rule fired)\n"
                + "PASS playground.test.yaml:6: economic buyer known");
    browser.executeScript(
        "arguments[0].scrollIntoView()", browser.findElement(By.id("test-results")));
    shoot("5-test-failed");

    // when: the rule is fixed, and the tests run in Chinese
    type("playbook", sample);
    new Select(browser.findElement(By.id("locale"))).selectByValue("zh-CN");
    browser.findElement(By.id("run-tests")).click();

    // then
    wait.until(ExpectedConditions.textToBe(By.id("tests-status"), "通过 2，失败 0，跳过 0"));
    assertThat(browser.findElement(By.id("test-results")).getText())
        .startsWith("通过 playground.test.yaml:3: no economic buyer at proposal");
    assertThat(browser.findElement(By.id("run-tests")).getText()).isEqualTo("运行测试");
    shoot("6-tests-passed");
  }
}
