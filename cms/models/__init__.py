from .pages import (
    ContactFormField,
    ContactPage,
    HomePage,
    NetworkPage,
    NewsIndexPage,
    NewsPage,
    ProgramPage,
    ResultsPage,
    StandardPage,
)
from .site_settings import MunicipalityIdentity
from .snippets import NetworkInstitution, NetworkLevel

__all__ = [
    "ContactFormField",
    "ContactPage",
    "HomePage",
    "MunicipalityIdentity",
    "NetworkInstitution",
    "NetworkLevel",
    "NetworkPage",
    "NewsIndexPage",
    "NewsPage",
    "ProgramPage",
    "ResultsPage",
    "StandardPage",
]
